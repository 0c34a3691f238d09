<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Engine</name>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>Nothing answers at %1: is the server running and is the port right?</source>
        <translation>Nothing answers at %1: is the server running and is the port right?</translation>
    </message>
    <message>
        <source>The host name cannot be found: check the address.</source>
        <translation>The host name cannot be found: check the address.</translation>
    </message>
    <message>
        <source>No answer within %1 seconds: the host is unreachable or a firewall drops the connection.</source>
        <translation>No answer within %1 seconds: the host is unreachable or a firewall drops the connection.</translation>
    </message>
    <message>
        <source>The server answers but the database does not exist.</source>
        <translation>The server answers but the database does not exist.</translation>
    </message>
    <message>
        <source>The address is not valid.</source>
        <translation>The address is not valid.</translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation>The connection failed.</translation>
    </message>
</context>
<context>
    <name>SettingsErrors</name>
    <message>
        <source>The send rate must be a whole number of messages per second from 0 (no cap) to 1000.</source>
        <translation>The send rate must be a whole number of messages per second from 0 (no cap) to 1000.</translation>
    </message>
    <message>
        <source>The gap between two messages to one customer must be a whole number of milliseconds from 0 to 60000.</source>
        <translation>The gap between two messages to one customer must be a whole number of milliseconds from 0 to 60000.</translation>
    </message>
    <message>
        <source>The bot pause must be a whole number of minutes from 0 (never pause) to 1440.</source>
        <translation>The bot pause must be a whole number of minutes from 0 (never pause) to 1440.</translation>
    </message>
    <message>
        <source>The idle lock must be a whole number of minutes from 0 (never lock) to 240.</source>
        <translation>The idle lock must be a whole number of minutes from 0 (never lock) to 240.</translation>
    </message>
    <message>
        <source>Your account may not change settings. Ask the shop owner.</source>
        <translation>Your account may not change settings. Ask the shop owner.</translation>
    </message>
    <message>
        <source>The reply is empty. Use &quot;Reset to default&quot; to go back to the original text.</source>
        <translation>The reply is empty. Use &quot;Reset to default&quot; to go back to the original text.</translation>
    </message>
    <message>
        <source>Unknown placeholder %1: this reply cannot fill it in.</source>
        <translation>Unknown placeholder %1: this reply cannot fill it in.</translation>
    </message>
    <message>
        <source>The reply must keep %1.</source>
        <translation>The reply must keep %1.</translation>
    </message>
</context>
<context>
    <name>kedai::engine::Engine</name>
    <message>
        <source>A reason is required.</source>
        <translation>A reason is required.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number. Example: 628111000001</source>
        <translation>&quot;%1&quot; is not a phone number. Example: 628111000001</translation>
    </message>
    <message>
        <source>Type a message first.</source>
        <translation>Type a message first.</translation>
    </message>
    <message>
        <source>The language must be id (Indonesian) or en (English).</source>
        <translation>The language must be id (Indonesian) or en (English).</translation>
    </message>
    <message>
        <source>The shop name must have 1 to 80 characters.</source>
        <translation>The shop name must have 1 to 80 characters.</translation>
    </message>
    <message>
        <source>The database address must start with sqlite:// or postgresql://, e.g. postgresql://kedai:password@localhost:5432/kedai.</source>
        <translation>The database address must start with sqlite:// or postgresql://, e.g. postgresql://kedai:password@localhost:5432/kedai.</translation>
    </message>
    <message>
        <source>The Redis address must look like redis://:password@localhost:6379/0.</source>
        <translation>The Redis address must look like redis://:password@localhost:6379/0.</translation>
    </message>
    <message>
        <source>%1 must be an http(s) address such as https://example.com.</source>
        <translation>%1 must be an http(s) address such as https://example.com.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a WhatsApp number. Write numbers like 628111000001, separated by commas.</source>
        <translation>&quot;%1&quot; is not a WhatsApp number. Write numbers like 628111000001, separated by commas.</translation>
    </message>
    <message>
        <source>The admin token must have at least 16 characters.</source>
        <translation>The admin token must have at least 16 characters.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 cannot be changed here.</source>
        <translation>%1 cannot be changed here.</translation>
    </message>
    <message>
        <source>Enter the phone number id and the access token first.</source>
        <translation>Enter the phone number id and the access token first.</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 seconds.</source>
        <translation>No answer from %1 within %2 seconds.</translation>
    </message>
    <message>
        <source>%1 cannot be reached: %2</source>
        <translation>%1 cannot be reached: %2</translation>
    </message>
    <message>
        <source>The access token was refused (expired or wrong): %1</source>
        <translation>The access token was refused (expired or wrong): %1</translation>
    </message>
    <message>
        <source>The Cloud API answered %1: %2</source>
        <translation>The Cloud API answered %1: %2</translation>
    </message>
    <message>
        <source>%1 (%2), %3</source>
        <translation>%1 (%2), %3</translation>
    </message>
    <message>
        <source>Enter the WAHA address, e.g. http://localhost:3000.</source>
        <translation>Enter the WAHA address, e.g. http://localhost:3000.</translation>
    </message>
    <message>
        <source>WAHA at %1 cannot be reached: %2</source>
        <translation>WAHA at %1 cannot be reached: %2</translation>
    </message>
    <message>
        <source>WAHA refused the API key.</source>
        <translation>WAHA refused the API key.</translation>
    </message>
    <message>
        <source>WAHA has no session &quot;%1&quot;.</source>
        <translation>WAHA has no session &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>WAHA answered %1.</source>
        <translation>WAHA answered %1.</translation>
    </message>
    <message>
        <source>session %1: %2, %3</source>
        <translation>session %1: %2, %3</translation>
    </message>
    <message>
        <source>The bot has no reply &quot;%1&quot;.</source>
        <translation>The bot has no reply &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::AssignNotificationDialog</name>
    <message>
        <source>Assign to an order or deposit</source>
        <translation>Assign to an order or deposit</translation>
    </message>
    <message>
        <source>Credit to a customer&apos;s saldo</source>
        <translation>Credit to a customer&apos;s saldo</translation>
    </message>
    <message>
        <source>no amount</source>
        <translation>no amount</translation>
    </message>
    <message>
        <source>%1 received through %2 at %3.</source>
        <translation>%1 received through %2 at %3.</translation>
    </message>
    <message>
        <source>e.g. KD2411210001, or pick one below</source>
        <translation>e.g. KD2411210001, or pick one below</translation>
    </message>
    <message>
        <source>&amp;Ref:</source>
        <translation>&amp;Ref:</translation>
    </message>
    <message>
        <source>phone number or name</source>
        <translation>phone number or name</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <source>e.g. customer sent the receipt on WhatsApp</source>
        <translation>e.g. customer sent the receipt on WhatsApp</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>Could not load the QRIS payments: %1</source>
        <translation>Could not load the QRIS payments: %1</translation>
    </message>
    <message>
        <source>Could not search the customers: %1</source>
        <translation>Could not search the customers: %1</translation>
    </message>
    <message>
        <source>This notification has no amount: it cannot be assigned.</source>
        <translation>This notification has no amount: it cannot be assigned.</translation>
    </message>
    <message>
        <source>Enter the ref of the order or deposit, or pick one from the list.</source>
        <translation>Enter the ref of the order or deposit, or pick one from the list.</translation>
    </message>
    <message>
        <source>Search for the customer and pick them from the list.</source>
        <translation>Search for the customer and pick them from the list.</translation>
    </message>
    <message>
        <source>A note is required: say why this money belongs there.</source>
        <translation>A note is required: say why this money belongs there.</translation>
    </message>
    <message>
        <source>%1 assigned to %2.</source>
        <translation>%1 assigned to %2.</translation>
    </message>
    <message>
        <source>%1 credited to the saldo of %2.</source>
        <translation>%1 credited to the saldo of %2.</translation>
    </message>
    <message>
        <source>none chosen yet</source>
        <translation>none chosen yet</translation>
    </message>
</context>
<context>
    <name>kedai::gui::AuditPanel</name>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Saldo</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Products</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>QRIS</source>
        <translation>QRIS</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Accounts and sign-ins</source>
        <translation>Accounts and sign-ins</translation>
    </message>
    <message>
        <source>Could not load the audit log: %1</source>
        <translation>Could not load the audit log: %1</translation>
    </message>
    <message>
        <source>Search order, product, customer, value…</source>
        <translation>Search order, product, customer, value…</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>Who:</source>
        <translation>Who:</translation>
    </message>
    <message>
        <source>What:</source>
        <translation>What:</translation>
    </message>
    <message>
        <source>Choose a row to see everything that was recorded.</source>
        <translation>Choose a row to see everything that was recorded.</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>The audit log is for managers and the shop owner. Sign in with such an account to see it.</source>
        <translation>The audit log is for managers and the shop owner. Sign in with such an account to see it.</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)
Who: %4
On: %5

Before:
%6

After:
%7</source>
        <translation>%1 — %2 (%3)
Who: %4
On: %5

Before:
%6

After:
%7</translation>
    </message>
</context>
<context>
    <name>kedai::gui::AuditTableModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>On</source>
        <translation>On</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>Before → after</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ChangePasswordDialog</name>
    <message>
        <source>Saving the password…</source>
        <translation>Saving the password…</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <source>Set the password of %1</source>
        <translation>Set the password of %1</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Current password:</translation>
    </message>
    <message>
        <source>Give %1 the new password in person; they can change it afterwards.</source>
        <translation>Give %1 the new password in person; they can change it afterwards.</translation>
    </message>
    <message>
        <source>&amp;Save password</source>
        <translation>&amp;Save password</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>The current password is wrong.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ChannelSettingsPage</name>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>WhatsApp Cloud API</source>
        <translation>WhatsApp Cloud API</translation>
    </message>
    <message>
        <source>Phone number id:</source>
        <translation>Phone number id:</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Access token:</translation>
    </message>
    <message>
        <source>App secret:</source>
        <translation>App secret:</translation>
    </message>
    <message>
        <source>Verify token:</source>
        <translation>Verify token:</translation>
    </message>
    <message>
        <source>API address:</source>
        <translation>API address:</translation>
    </message>
    <message>
        <source>WAHA gateway</source>
        <translation>WAHA gateway</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API key:</translation>
    </message>
    <message>
        <source>Session:</source>
        <translation>Session:</translation>
    </message>
    <message>
        <source>Webhook HMAC key:</source>
        <translation>Webhook HMAC key:</translation>
    </message>
    <message>
        <source>Not available yet</source>
        <translation>Not available yet</translation>
    </message>
    <message>
        <source>Midtrans payments, Atlantic PPOB and the Gemini assistant are not built into this version of Kedai yet. Their settings will appear here when they are.</source>
        <translation>Midtrans payments, Atlantic PPOB and the Gemini assistant are not built into this version of Kedai yet. Their settings will appear here when they are.</translation>
    </message>
    <message>
        <source>Saved (tokens and keys encrypted). Restart Kedai to use them.</source>
        <translation>Saved (tokens and keys encrypted). Restart Kedai to use them.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ChatPanel</name>
    <message>
        <source>Write to the bot as a customer. Messages go through the simulator channel, exactly like WhatsApp messages, so purchases here are real orders.</source>
        <translation>Write to the bot as a customer. Messages go through the simulator channel, exactly like WhatsApp messages, so purchases here are real orders.</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>&amp;Number:</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>N&amp;ame:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Type a message, e.g. menu or buy NF1 1</source>
        <translation>Type a message, e.g. menu or buy NF1 1</translation>
    </message>
    <message>
        <source>S&amp;end</source>
        <translation>S&amp;end</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s number, e.g. 628111000001.</source>
        <translation>Enter the customer&apos;s number, e.g. 628111000001.</translation>
    </message>
    <message>
        <source>The message was not sent: %1</source>
        <translation>The message was not sent: %1</translation>
    </message>
    <message>
        <source>Bot, %1</source>
        <translation>Bot, %1</translation>
    </message>
    <message>
        <source>Customer, %1</source>
        <translation>Customer, %1</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ConfirmQrisDialog</name>
    <message>
        <source>Confirm QRIS payment</source>
        <translation>Confirm QRIS payment</translation>
    </message>
    <message>
        <source>Confirm only when the money is really in the shop&apos;s account. An order is delivered at once; a payment that already expired goes to the customer&apos;s saldo.</source>
        <translation>Confirm only when the money is really in the shop&apos;s account. An order is delivered at once; a payment that already expired goes to the customer&apos;s saldo.</translation>
    </message>
    <message>
        <source>Ref:</source>
        <translation>Ref:</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>For:</translation>
    </message>
    <message>
        <source>To pay:</source>
        <translation>To pay:</translation>
    </message>
    <message>
        <source>e.g. customer showed the receipt, seen in the bank app</source>
        <translation>e.g. customer showed the receipt, seen in the bank app</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>Confirm paid</source>
        <translation>Confirm paid</translation>
    </message>
    <message>
        <source>A note is required: say how you know the money arrived.</source>
        <translation>A note is required: say how you know the money arrived.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ConnectionSettingsPage</name>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>empty: no Redis (one Kedai on this PC)</source>
        <translation>empty: no Redis (one Kedai on this PC)</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Address (DATABASE_URL):</source>
        <translation>Address (DATABASE_URL):</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>sqlite:///path/kedai.db (one PC) or postgresql://user@host:5432/database.</source>
        <translation>sqlite:///path/kedai.db (one PC) or postgresql://user@host:5432/database.</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Address (REDIS_URL):</source>
        <translation>Address (REDIS_URL):</translation>
    </message>
    <message>
        <source>Saved (passwords encrypted). Restart Kedai to use the new connection.</source>
        <translation>Saved (passwords encrypted). Restart Kedai to use the new connection.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ConnectionTestRow</name>
    <message>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>Connected: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ConversationListModel</name>
    <message>
        <source>Customer %1</source>
        <translation>Customer %1</translation>
    </message>
    <message>
        <source>bot paused</source>
        <translation>bot paused</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>You: %1</translation>
    </message>
    <message>
        <source>Channels: %1</source>
        <translation>Channels: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting for an answer</source>
        <translation>
            <numerusform>%n message waiting for an answer</numerusform>
            <numerusform>%n messages waiting for an answer</numerusform>
        </translation>
    </message>
    <message>
        <source>The bot is paused until %1</source>
        <translation>The bot is paused until %1</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ConversationMessageModel</name>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Staff %1</source>
        <translation>Staff %1</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Played</source>
        <translation>Played</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>(%1 message)</source>
        <translation>(%1 message)</translation>
    </message>
    <message>
        <source>%1 on %2 (%3)</source>
        <translation>%1 on %2 (%3)</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ConversationsPanel</name>
    <message>
        <source>Search name, number or chat id…</source>
        <translation>Search name, number or chat id…</translation>
    </message>
    <message>
        <source>&amp;Resume bot</source>
        <translation>&amp;Resume bot</translation>
    </message>
    <message>
        <source>Let the bot answer this customer again now.</source>
        <translation>Let the bot answer this customer again now.</translation>
    </message>
    <message>
        <source>Reply to the customer (Ctrl+Enter sends)</source>
        <translation>Reply to the customer (Ctrl+Enter sends)</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <source>Could not load the conversations: %1</source>
        <translation>Could not load the conversations: %1</translation>
    </message>
    <message>
        <source>Could not load the conversation: %1</source>
        <translation>Could not load the conversation: %1</translation>
    </message>
    <message>
        <source>Select a conversation.</source>
        <translation>Select a conversation.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Bot paused until %1</source>
        <translation>Bot paused until %1</translation>
    </message>
    <message numerus="yes">
        <source>The bot pauses for %n minute(s) for this customer after your reply.</source>
        <translation>
            <numerusform>The bot pauses for %n minute for this customer after your reply.</numerusform>
            <numerusform>The bot pauses for %n minutes for this customer after your reply.</numerusform>
        </translation>
    </message>
    <message>
        <source>The bot keeps answering this customer after your reply.</source>
        <translation>The bot keeps answering this customer after your reply.</translation>
    </message>
    <message>
        <source>The reply is too long: at most %1 characters.</source>
        <translation>The reply is too long: at most %1 characters.</translation>
    </message>
    <message>
        <source>This customer has no chat to reply to.</source>
        <translation>This customer has no chat to reply to.</translation>
    </message>
    <message>
        <source>This customer was merged into another one; open that customer&apos;s conversation.</source>
        <translation>This customer was merged into another one; open that customer&apos;s conversation.</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>This customer no longer exists.</translation>
    </message>
    <message>
        <source>The reply was not sent: %1</source>
        <translation>The reply was not sent: %1</translation>
    </message>
    <message>
        <source>Reply queued; the bot is paused until %1.</source>
        <translation>Reply queued; the bot is paused until %1.</translation>
    </message>
    <message>
        <source>Reply queued.</source>
        <translation>Reply queued.</translation>
    </message>
    <message>
        <source>Could not resume the bot: %1</source>
        <translation>Could not resume the bot: %1</translation>
    </message>
    <message>
        <source>The bot answers this customer again.</source>
        <translation>The bot answers this customer again.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::CredentialsForm</name>
    <message>
        <source>Checking the password…</source>
        <translation>Checking the password…</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
</context>
<context>
    <name>kedai::gui::CustomerTableModel</name>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Saldo</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blocked</translation>
    </message>
</context>
<context>
    <name>kedai::gui::CustomersPanel</name>
    <message>
        <source>Top up / deduct &amp;saldo…</source>
        <translation>Top up / deduct &amp;saldo…</translation>
    </message>
    <message>
        <source>Set &amp;tier</source>
        <translation>Set &amp;tier</translation>
    </message>
    <message>
        <source>Saldo history</source>
        <translation>Saldo history</translation>
    </message>
    <message>
        <source>Select a customer to see the saldo history.</source>
        <translation>Select a customer to see the saldo history.</translation>
    </message>
    <message>
        <source>Could not load the customers: %1</source>
        <translation>Could not load the customers: %1</translation>
    </message>
    <message>
        <source>Could not load the saldo history: %1</source>
        <translation>Could not load the saldo history: %1</translation>
    </message>
    <message>
        <source>Saldo of %1 is now %2.</source>
        <translation>Saldo of %1 is now %2.</translation>
    </message>
    <message>
        <source>Set tier</source>
        <translation>Set tier</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 is now %2.</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Merge…</translation>
    </message>
    <message>
        <source>Merge this customer with another one who is the same person.</source>
        <translation>Merge this customer with another one who is the same person.</translation>
    </message>
    <message>
        <source>Customers merged: %1 now has saldo %2.</source>
        <translation>Customers merged: %1 now has saldo %2.</translation>
    </message>
    <message>
        <source>Search phone or name (the whole customer list)…</source>
        <translation>Search phone or name (the whole customer list)…</translation>
    </message>
    <message>
        <source>&amp;Block…</source>
        <translation>&amp;Block…</translation>
    </message>
    <message>
        <source>%1: saldo %2%3</source>
        <translation>%1: saldo %2%3</translation>
    </message>
    <message>
        <source> (blocked)</source>
        <translation> (blocked)</translation>
    </message>
    <message>
        <source>Only a manager or the shop owner can change saldo.</source>
        <translation>Only a manager or the shop owner can change saldo.</translation>
    </message>
    <message>
        <source>Un&amp;block…</source>
        <translation>Un&amp;block…</translation>
    </message>
    <message>
        <source>Only a manager or the shop owner can do this.</source>
        <translation>Only a manager or the shop owner can do this.</translation>
    </message>
    <message>
        <source>Block customer</source>
        <translation>Block customer</translation>
    </message>
    <message>
        <source>Unblock customer</source>
        <translation>Unblock customer</translation>
    </message>
    <message>
        <source>Block %1? They can no longer buy. The bot answers their next message once, politely, and then stays silent; their messages still appear in Conversations.</source>
        <translation>Block %1? They can no longer buy. The bot answers their next message once, politely, and then stays silent; their messages still appear in Conversations.</translation>
    </message>
    <message>
        <source>Unblock %1? They can buy again and the bot answers them as usual.</source>
        <translation>Unblock %1? They can buy again and the bot answers them as usual.</translation>
    </message>
    <message>
        <source>%1 is blocked.</source>
        <translation>%1 is blocked.</translation>
    </message>
    <message>
        <source>%1 is unblocked.</source>
        <translation>%1 is unblocked.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::DashboardPanel</name>
    <message>
        <source>Revenue today</source>
        <translation>Revenue today</translation>
    </message>
    <message>
        <source>Orders today</source>
        <translation>Orders today</translation>
    </message>
    <message>
        <source>Items sold today</source>
        <translation>Items sold today</translation>
    </message>
    <message>
        <source>Waiting QRIS payments</source>
        <translation>Waiting QRIS payments</translation>
    </message>
    <message>
        <source>Best sellers (30 days)</source>
        <translation>Best sellers (30 days)</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>Low stock</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Channels</translation>
    </message>
    <message>
        <source>Webhook endpoint</source>
        <translation>Webhook endpoint</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Revenue</translation>
    </message>
    <message>
        <source>Revenue per day, last 30 days</source>
        <translation>Revenue per day, last 30 days</translation>
    </message>
    <message>
        <source>Rupiah</source>
        <translation>Rupiah</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Orders per hour, today</source>
        <translation>Orders per hour, today</translation>
    </message>
    <message>
        <source>Could not load the dashboard: %1</source>
        <translation>Could not load the dashboard: %1</translation>
    </message>
    <message>
        <source>Paid and delivered orders, refunds excluded</source>
        <translation>Paid and delivered orders, refunds excluded</translation>
    </message>
    <message>
        <source>Stock items delivered or paid for</source>
        <translation>Stock items delivered or paid for</translation>
    </message>
    <message>
        <source>Nothing waiting</source>
        <translation>Nothing waiting</translation>
    </message>
    <message>
        <source>%1 to be paid</source>
        <translation>%1 to be paid</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Updated %1</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) running low</source>
        <translation>
            <numerusform>%n product running low</numerusform>
            <numerusform>%n products running low</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n sold out)</source>
        <translation>
            <numerusform>(%n sold out)</numerusform>
            <numerusform>(%n sold out)</numerusform>
        </translation>
    </message>
    <message>
        <source>Add stock in the Inventory tab before customers find the products sold out.</source>
        <translation>Add stock in the Inventory tab before customers find the products sold out.</translation>
    </message>
    <message>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <source>SQLite</source>
        <translation>SQLite</translation>
    </message>
    <message>
        <source>OK (%1)</source>
        <translation>OK (%1)</translation>
    </message>
    <message>
        <source>Down: %1 does not answer, sales wait</source>
        <translation>Down: %1 does not answer, sales wait</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Down: using the in-process fallback</source>
        <translation>Down: using the in-process fallback</translation>
    </message>
    <message>
        <source>Not used (in-process)</source>
        <translation>Not used (in-process)</translation>
    </message>
    <message>
        <source>WhatsApp Cloud API</source>
        <translation>WhatsApp Cloud API</translation>
    </message>
    <message>
        <source>WAHA</source>
        <translation>WAHA</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulator</translation>
    </message>
    <message>
        <source>access token expired</source>
        <translation>access token expired</translation>
    </message>
    <message>
        <source>API key refused</source>
        <translation>API key refused</translation>
    </message>
    <message>
        <source>not answering</source>
        <translation>not answering</translation>
    </message>
    <message>
        <source>not set up completely</source>
        <translation>not set up completely</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Listening at %1</source>
        <translation>Listening at %1</translation>
    </message>
    <message>
        <source>Not running: webhooks and payment notifications cannot arrive</source>
        <translation>Not running: webhooks and payment notifications cannot arrive</translation>
    </message>
</context>
<context>
    <name>kedai::gui::FirstRunDialog</name>
    <message>
        <source>Welcome to Kedai</source>
        <translation>Welcome to Kedai</translation>
    </message>
    <message>
        <source>Create the owner account. The owner may do everything, including adding accounts for staff and managers. Kedai asks for this password when it starts and when the window was left alone.</source>
        <translation>Create the owner account. The owner may do everything, including adding accounts for staff and managers. Kedai asks for this password when it starts and when the window was left alone.</translation>
    </message>
    <message>
        <source>3 to 32 small letters, digits, dots, dashes or underscores.</source>
        <translation>3 to 32 small letters, digits, dots, dashes or underscores.</translation>
    </message>
    <message>
        <source>e.g. Ibu Sari</source>
        <translation>e.g. Ibu Sari</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Name shown:</source>
        <translation>&amp;Name shown:</translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation>&amp;Create account</translation>
    </message>
    <message>
        <source>Type the same password of at least 8 characters in both fields.</source>
        <translation>Type the same password of at least 8 characters in both fields.</translation>
    </message>
    <message>
        <source>Creating the owner account…</source>
        <translation>Creating the owner account…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>kedai::gui::InventoryPanel</name>
    <message>
        <source>Search code, name or category…</source>
        <translation>Search code, name or category…</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Deactivate</translation>
    </message>
    <message>
        <source>Stock items</source>
        <translation>Stock items</translation>
    </message>
    <message>
        <source>Select a product to see its stock items.</source>
        <translation>Select a product to see its stock items.</translation>
    </message>
    <message>
        <source>&amp;Void item</source>
        <translation>&amp;Void item</translation>
    </message>
    <message>
        <source>Could not load the products: %1</source>
        <translation>Could not load the products: %1</translation>
    </message>
    <message>
        <source>Could not load the stock items: %1</source>
        <translation>Could not load the stock items: %1</translation>
    </message>
    <message>
        <source>Product %1 added.</source>
        <translation>Product %1 added.</translation>
    </message>
    <message>
        <source>Product %1 saved.</source>
        <translation>Product %1 saved.</translation>
    </message>
    <message>
        <source>Deactivate product</source>
        <translation>Deactivate product</translation>
    </message>
    <message>
        <source>Deactivate %1 (%2)? Customers can no longer buy it; its orders and stock items are kept.</source>
        <translation>Deactivate %1 (%2)? Customers can no longer buy it; its orders and stock items are kept.</translation>
    </message>
    <message>
        <source>Product %1 deactivated.</source>
        <translation>Product %1 deactivated.</translation>
    </message>
    <message>
        <source>Void stock item</source>
        <translation>Void stock item</translation>
    </message>
    <message>
        <source>Void stock item #%1? It will never be sold; this cannot be undone.</source>
        <translation>Void stock item #%1? It will never be sold; this cannot be undone.</translation>
    </message>
    <message>
        <source>Stock item #%1 voided.</source>
        <translation>Stock item #%1 voided.</translation>
    </message>
    <message>
        <source>Show one category</source>
        <translation>Show one category</translation>
    </message>
    <message>
        <source>Show one kind of product</source>
        <translation>Show one kind of product</translation>
    </message>
    <message>
        <source>Active or inactive products</source>
        <translation>Active or inactive products</translation>
    </message>
    <message>
        <source>&amp;Low stock only</source>
        <translation>&amp;Low stock only</translation>
    </message>
    <message>
        <source>Show items in one status</source>
        <translation>Show items in one status</translation>
    </message>
    <message>
        <source>S&amp;how contents</source>
        <translation>S&amp;how contents</translation>
    </message>
    <message>
        <source>Show available items in full. Sold items always stay masked.</source>
        <translation>Show available items in full. Sold items always stay masked.</translation>
    </message>
    <message>
        <source>Add &amp;stock…</source>
        <translation>Add &amp;stock…</translation>
    </message>
    <message>
        <source>Paste items or import a .txt/.csv file</source>
        <translation>Paste items or import a .txt/.csv file</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>Active and inactive</source>
        <translation>Active and inactive</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>All items</translation>
    </message>
    <message>
        <source>Could not count the stock items: %1</source>
        <translation>Could not count the stock items: %1</translation>
    </message>
    <message>
        <source>%1 available, %2 reserved, %3 sold, %4 void</source>
        <translation>%1 available, %2 reserved, %3 sold, %4 void</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>counting…</translation>
    </message>
    <message>
        <source>Only a manager or the shop owner can change products.</source>
        <translation>Only a manager or the shop owner can change products.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::Labels</name>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <source>Saldo</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>QRIS</source>
        <translation>QRIS</translation>
    </message>
    <message>
        <source>Midtrans</source>
        <translation>Midtrans</translation>
    </message>
    <message>
        <source>PPOB</source>
        <translation>PPOB</translation>
    </message>
    <message>
        <source>Digital</source>
        <translation>Digital</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Reserved</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>Bronze</source>
        <translation>Bronze</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>Silver</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>Gold</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>Top-up</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>Deposit</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Purchase</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Adjustment</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Waiting for payment</source>
        <translation>Waiting for payment</translation>
    </message>
    <message>
        <source>Credited to saldo</source>
        <translation>Credited to saldo</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Matched</translation>
    </message>
    <message>
        <source>Unmatched</source>
        <translation>Unmatched</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Unparsed</source>
        <translation>Unparsed</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Ignored</translation>
    </message>
    <message>
        <source>The operation did not finish (Kedai may be stopping). Please try again.</source>
        <translation>The operation did not finish (Kedai may be stopping). Please try again.</translation>
    </message>
    <message>
        <source>The QRIS text is empty.</source>
        <translation>The QRIS text is empty.</translation>
    </message>
    <message>
        <source>The QRIS text is damaged: some characters are missing or changed (its check digits do not match).</source>
        <translation>The QRIS text is damaged: some characters are missing or changed (its check digits do not match).</translation>
    </message>
    <message>
        <source>This is not a valid QRIS text: it is incomplete or not a QRIS code.</source>
        <translation>This is not a valid QRIS text: it is incomplete or not a QRIS code.</translation>
    </message>
    <message>
        <source>The QRIS text contains characters that never occur in a QRIS (such as accented letters, emoji or line breaks).</source>
        <translation>The QRIS text contains characters that never occur in a QRIS (such as accented letters, emoji or line breaks).</translation>
    </message>
    <message>
        <source>The QRIS text is cut off: its end is missing.</source>
        <translation>The QRIS text is cut off: its end is missing.</translation>
    </message>
    <message>
        <source>The QRIS text lacks parts every QRIS has (such as the country or the check digits).</source>
        <translation>The QRIS text lacks parts every QRIS has (such as the country or the check digits).</translation>
    </message>
    <message>
        <source>This is a one-time QRIS for a single payment, not the shop&apos;s static QRIS.</source>
        <translation>This is a one-time QRIS for a single payment, not the shop&apos;s static QRIS.</translation>
    </message>
    <message>
        <source>This QRIS already carries a fixed amount, so it is not the shop&apos;s static QRIS.</source>
        <translation>This QRIS already carries a fixed amount, so it is not the shop&apos;s static QRIS.</translation>
    </message>
    <message>
        <source>This is not an Indonesian QRIS.</source>
        <translation>This is not an Indonesian QRIS.</translation>
    </message>
    <message>
        <source>Kedai cannot make payment codes from this QRIS. Use the static QRIS of another bank or wallet, and tell the Kedai developers about this one.</source>
        <translation>Kedai cannot make payment codes from this QRIS. Use the static QRIS of another bank or wallet, and tell the Kedai developers about this one.</translation>
    </message>
    <message>
        <source>The listener key must be 16 to 200 characters long: letters, digits and symbols, without spaces. Leave the field empty to let Kedai make one.</source>
        <translation>The listener key must be 16 to 200 characters long: letters, digits and symbols, without spaces. Leave the field empty to let Kedai make one.</translation>
    </message>
    <message>
        <source>Write the deposit bonus as bonus/step in whole rupiah, e.g. 2000/50000 for Rp 2.000 on every full Rp 50.000 (the bonus must be smaller than the step), or leave it empty for no bonus.</source>
        <translation>Write the deposit bonus as bonus/step in whole rupiah, e.g. 2000/50000 for Rp 2.000 on every full Rp 50.000 (the bonus must be smaller than the step), or leave it empty for no bonus.</translation>
    </message>
    <message>
        <source>A chosen payment app is not known to this version of Kedai. Tick the apps again and save.</source>
        <translation>A chosen payment app is not known to this version of Kedai. Tick the apps again and save.</translation>
    </message>
    <message>
        <source>Write a note saying why (for example &quot;seen in the bank app&quot;): it is kept with the payment.</source>
        <translation>Write a note saying why (for example &quot;seen in the bank app&quot;): it is kept with the payment.</translation>
    </message>
    <message>
        <source>There is no QRIS payment with this reference. Check the reference, or pick the payment from the list.</source>
        <translation>There is no QRIS payment with this reference. Check the reference, or pick the payment from the list.</translation>
    </message>
    <message>
        <source>This notification no longer exists. Reload the list and choose again.</source>
        <translation>This notification no longer exists. Reload the list and choose again.</translation>
    </message>
    <message>
        <source>This money is no longer waiting: it was matched or assigned meanwhile. Reload the list to see where it went.</source>
        <translation>This money is no longer waiting: it was matched or assigned meanwhile. Reload the list to see where it went.</translation>
    </message>
    <message>
        <source>No amount could be read from this notification, so it cannot be assigned. Check the amount in the bank app and adjust the customer&apos;s saldo by hand if needed.</source>
        <translation>No amount could be read from this notification, so it cannot be assigned. Check the amount in the bank app and adjust the customer&apos;s saldo by hand if needed.</translation>
    </message>
    <message>
        <source>This customer no longer exists. Search again and choose another customer.</source>
        <translation>This customer no longer exists. Search again and choose another customer.</translation>
    </message>
    <message>
        <source>The database cannot be reached right now. Check that the database is running, then try again.</source>
        <translation>The database cannot be reached right now. Check that the database is running, then try again.</translation>
    </message>
    <message>
        <source>The database is busy right now. Please try again in a moment.</source>
        <translation>The database is busy right now. Please try again in a moment.</translation>
    </message>
    <message>
        <source>The highest unique code must be a whole number from 1 to %1.</source>
        <translation>The highest unique code must be a whole number from 1 to %1.</translation>
    </message>
    <message>
        <source>This payment is no longer waiting for money. Reload the list to see its state.</source>
        <translation>This payment is no longer waiting for money. Reload the list to see its state.</translation>
    </message>
    <message>
        <source>Payment %1 is no longer waiting for money (now: %2). Reload the list to see its state.</source>
        <translation>Payment %1 is no longer waiting for money (now: %2). Reload the list to see its state.</translation>
    </message>
    <message>
        <source>Copy the text again from the shop&apos;s static QRIS: scan the printed code with a QR reader app and copy the whole text (it starts with 000201).</source>
        <translation>Copy the text again from the shop&apos;s static QRIS: scan the printed code with a QR reader app and copy the whole text (it starts with 000201).</translation>
    </message>
    <message>
        <source>Wrong username or password. Check Caps Lock and try again; after 5 wrong tries the account waits 5 minutes.</source>
        <translation>Wrong username or password. Check Caps Lock and try again; after 5 wrong tries the account waits 5 minutes.</translation>
    </message>
    <message>
        <source>This account is switched off. Ask the shop owner to switch it on again.</source>
        <translation>This account is switched off. Ask the shop owner to switch it on again.</translation>
    </message>
    <message>
        <source>Your account may not do this. Ask the shop owner or a manager.</source>
        <translation>Your account may not do this. Ask the shop owner or a manager.</translation>
    </message>
    <message>
        <source>The password could not be processed (the computer is short of memory). Close other programs and try again.</source>
        <translation>The password could not be processed (the computer is short of memory). Close other programs and try again.</translation>
    </message>
    <message>
        <source>A username has 3 to 32 characters: small letters, digits, dots, dashes or underscores, without spaces.</source>
        <translation>A username has 3 to 32 characters: small letters, digits, dots, dashes or underscores, without spaces.</translation>
    </message>
    <message>
        <source>This is the only owner account: it must stay an active owner. Make another account owner first.</source>
        <translation>This is the only owner account: it must stay an active owner. Make another account owner first.</translation>
    </message>
    <message>
        <source>This account no longer exists. Reload the list and choose again.</source>
        <translation>This account no longer exists. Reload the list and choose again.</translation>
    </message>
    <message>
        <source>The owner account exists already. Sign in with it instead.</source>
        <translation>The owner account exists already. Sign in with it instead.</translation>
    </message>
    <message>
        <source>The password is too short: use at least %1 characters.</source>
        <translation>The password is too short: use at least %1 characters.</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked for a few minutes.</source>
        <translation>Too many wrong passwords: this account is locked for a few minutes.</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked until %1. Try again then, or ask the shop owner to set a new password.</source>
        <translation>Too many wrong passwords: this account is locked until %1. Try again then, or ask the shop owner to set a new password.</translation>
    </message>
    <message>
        <source>The username &quot;%1&quot; is taken. Choose another one.</source>
        <translation>The username &quot;%1&quot; is taken. Choose another one.</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Order bought with saldo</source>
        <translation>Order bought with saldo</translation>
    </message>
    <message>
        <source>Order refunded</source>
        <translation>Order refunded</translation>
    </message>
    <message>
        <source>Delivered items shown</source>
        <translation>Delivered items shown</translation>
    </message>
    <message>
        <source>Delivery sent again</source>
        <translation>Delivery sent again</translation>
    </message>
    <message>
        <source>Saldo changed</source>
        <translation>Saldo changed</translation>
    </message>
    <message>
        <source>Stock added</source>
        <translation>Stock added</translation>
    </message>
    <message>
        <source>Stock item voided</source>
        <translation>Stock item voided</translation>
    </message>
    <message>
        <source>Unsold stock voided</source>
        <translation>Unsold stock voided</translation>
    </message>
    <message>
        <source>Product added</source>
        <translation>Product added</translation>
    </message>
    <message>
        <source>Product edited</source>
        <translation>Product edited</translation>
    </message>
    <message>
        <source>Price changed</source>
        <translation>Price changed</translation>
    </message>
    <message>
        <source>Description changed</source>
        <translation>Description changed</translation>
    </message>
    <message>
        <source>Product removed</source>
        <translation>Product removed</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>Customer tier changed</source>
        <translation>Customer tier changed</translation>
    </message>
    <message>
        <source>Customer blocked or unblocked</source>
        <translation>Customer blocked or unblocked</translation>
    </message>
    <message>
        <source>Customers merged</source>
        <translation>Customers merged</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>Setting changed</translation>
    </message>
    <message>
        <source>Account created</source>
        <translation>Account created</translation>
    </message>
    <message>
        <source>Account changed</source>
        <translation>Account changed</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <source>Wrong password</source>
        <translation>Wrong password</translation>
    </message>
    <message>
        <source>QRIS order created</source>
        <translation>QRIS order created</translation>
    </message>
    <message>
        <source>QRIS deposit created</source>
        <translation>QRIS deposit created</translation>
    </message>
    <message>
        <source>QRIS payment received</source>
        <translation>QRIS payment received</translation>
    </message>
    <message>
        <source>Late QRIS payment credited to saldo</source>
        <translation>Late QRIS payment credited to saldo</translation>
    </message>
    <message>
        <source>QRIS payment expired</source>
        <translation>QRIS payment expired</translation>
    </message>
    <message>
        <source>QRIS payment cancelled</source>
        <translation>QRIS payment cancelled</translation>
    </message>
    <message>
        <source>Unmatched money assigned</source>
        <translation>Unmatched money assigned</translation>
    </message>
    <message>
        <source>Staff replied in a chat</source>
        <translation>Staff replied in a chat</translation>
    </message>
    <message>
        <source>Bot resumed in a chat</source>
        <translation>Bot resumed in a chat</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>kedai::gui::LedgerTableModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Saldo after</source>
        <translation>Saldo after</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>kedai::gui::LockDialog</name>
    <message>
        <source>Kedai is locked</source>
        <translation>Kedai is locked</translation>
    </message>
    <message>
        <source>Kedai was locked because nobody used it for a while. %1, type your password to go on.</source>
        <translation>Kedai was locked because nobody used it for a while. %1, type your password to go on.</translation>
    </message>
    <message>
        <source>Sign in as &amp;another user</source>
        <translation>Sign in as &amp;another user</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>Kedai is locked. Sign in with your own account: the window then works with your rights.</source>
        <translation>Kedai is locked. Sign in with your own account: the window then works with your rights.</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Sign in</translation>
    </message>
</context>
<context>
    <name>kedai::gui::LogModel</name>
    <message>
        <source>debug</source>
        <translation>debug</translation>
    </message>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>warning</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>kedai::gui::LogsPanel</name>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Follow</translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation>Debug and above</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info and above</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnings and errors</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Errors only</translation>
    </message>
    <message>
        <source>Search the log…</source>
        <translation>Search the log…</translation>
    </message>
    <message>
        <source>Stop the view from moving; new lines are shown when you continue.</source>
        <translation>Stop the view from moving; new lines are shown when you continue.</translation>
    </message>
    <message>
        <source>Keep the newest line in view.</source>
        <translation>Keep the newest line in view.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the selected lines, or every shown line when none is selected.</source>
        <translation>Copy the selected lines, or every shown line when none is selected.</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Level:</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kedai::gui::LowStockModel</name>
    <message>
        <source>Sold out: customers cannot buy %1 until stock is added.</source>
        <translation>Sold out: customers cannot buy %1 until stock is added.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left; the alert starts at %1.</source>
        <translation>
            <numerusform>%n item left; the alert starts at %1.</numerusform>
            <numerusform>%n items left; the alert starts at %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Alert at</source>
        <translation>Alert at</translation>
    </message>
</context>
<context>
    <name>kedai::gui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Language…</source>
        <translation>&amp;Language…</translation>
    </message>
    <message>
        <source>&amp;About Kedai</source>
        <translation>&amp;About Kedai</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>About &amp;Qt</translation>
    </message>
    <message>
        <source>Kedai — %1</source>
        <translation>Kedai — %1</translation>
    </message>
    <message>
        <source>&amp;Inventory</source>
        <translation>&amp;Inventory</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>&amp;Orders</translation>
    </message>
    <message>
        <source>&amp;Customers</source>
        <translation>&amp;Customers</translation>
    </message>
    <message>
        <source>Endpoint: %1</source>
        <translation>Endpoint: %1</translation>
    </message>
    <message>
        <source>Health: OK</source>
        <translation>Health: OK</translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>Health: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>Indonesian</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>About Kedai</source>
        <translation>About Kedai</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Kedai %1&lt;/h3&gt;&lt;p&gt;Shop management with a WhatsApp sales bot.&lt;/p&gt;&lt;p&gt;Data folder: &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;HTTP endpoint: &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Kedai %1&lt;/h3&gt;&lt;p&gt;Shop management with a WhatsApp sales bot.&lt;/p&gt;&lt;p&gt;Data folder: &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;HTTP endpoint: &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Chat &amp;simulator</source>
        <translation>Chat &amp;simulator</translation>
    </message>
    <message>
        <source>Redis: OK</source>
        <translation>Redis: OK</translation>
    </message>
    <message>
        <source>Rate limits, locks and the cache are shared through Redis.</source>
        <translation>Rate limits, locks and the cache are shared through Redis.</translation>
    </message>
    <message>
        <source>Redis: down (using the in-process fallback)</source>
        <translation>Redis: down (using the in-process fallback)</translation>
    </message>
    <message>
        <source>Redis does not answer. Sales go on with in-process limits and cache; Kedai reconnects by itself. Check that the Redis server is running.</source>
        <translation>Redis does not answer. Sales go on with in-process limits and cache; Kedai reconnects by itself. Check that the Redis server is running.</translation>
    </message>
    <message>
        <source>Cache: in-process</source>
        <translation>Cache: in-process</translation>
    </message>
    <message>
        <source>No Redis is configured (REDIS_URL): limits and cache live in this program.</source>
        <translation>No Redis is configured (REDIS_URL): limits and cache live in this program.</translation>
    </message>
    <message>
        <source>&amp;QRIS (%1)</source>
        <translation>&amp;QRIS (%1)</translation>
    </message>
    <message>
        <source>&amp;QRIS</source>
        <translation>&amp;QRIS</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) matched no order.</source>
        <translation>
            <numerusform>%n payment matched no order.</numerusform>
            <numerusform>%n payments matched no order.</numerusform>
        </translation>
    </message>
    <message>
        <source>Co&amp;nversations</source>
        <translation>Co&amp;nversations</translation>
    </message>
    <message>
        <source>WhatsApp Cloud API</source>
        <translation>WhatsApp Cloud API</translation>
    </message>
    <message>
        <source>WAHA</source>
        <translation>WAHA</translation>
    </message>
    <message>
        <source>%1: the access token expired. Replies wait: renew WA_ACCESS_TOKEN and restart Kedai.</source>
        <translation>%1: the access token expired. Replies wait: renew WA_ACCESS_TOKEN and restart Kedai.</translation>
    </message>
    <message>
        <source>%1 refuses the API key. Replies wait: check WAHA_API_KEY.</source>
        <translation>%1 refuses the API key. Replies wait: check WAHA_API_KEY.</translation>
    </message>
    <message>
        <source>%1 does not answer. Replies wait and are retried.</source>
        <translation>%1 does not answer. Replies wait and are retried.</translation>
    </message>
    <message>
        <source>%1 is not set up completely.</source>
        <translation>%1 is not set up completely.</translation>
    </message>
    <message>
        <source>&amp;Lock the window</source>
        <translation>&amp;Lock the window</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>Change my &amp;password…</translation>
    </message>
    <message>
        <source>&amp;Staff accounts…</source>
        <translation>&amp;Staff accounts…</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Dashboard</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>&amp;Audit</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>&amp;Logs</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>Se&amp;ttings</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>Signed in: %1 (%2)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Current language: &lt;b&gt;%1&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;The shop owner chooses the language of the window and of the bot in &lt;b&gt;Settings&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Current language: &lt;b&gt;%1&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;The shop owner chooses the language of the window and of the bot in &lt;b&gt;Settings&lt;/b&gt;.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>kedai::gui::MergeCustomersDialog</name>
    <message>
        <source>Merge customers</source>
        <translation>Merge customers</translation>
    </message>
    <message>
        <source>Merge two customers who are the same person (another number, or another chat app). The chats, orders, QRIS payments and saldo of the customer merged away move to the customer who stays.</source>
        <translation>Merge two customers who are the same person (another number, or another chat app). The chats, orders, QRIS payments and saldo of the customer merged away move to the customer who stays.</translation>
    </message>
    <message>
        <source>Search the other customer by name or number…</source>
        <translation>Search the other customer by name or number…</translation>
    </message>
    <message>
        <source>Keep %1, merge the other one into it</source>
        <translation>Keep %1, merge the other one into it</translation>
    </message>
    <message>
        <source>Keep the other one, merge %1 into it</source>
        <translation>Keep the other one, merge %1 into it</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>What happens</translation>
    </message>
    <message>
        <source>Merged away:</source>
        <translation>Merged away:</translation>
    </message>
    <message>
        <source>Stays:</source>
        <translation>Stays:</translation>
    </message>
    <message>
        <source>Afterwards:</source>
        <translation>Afterwards:</translation>
    </message>
    <message>
        <source>They are the same person. Merging cannot be undone.</source>
        <translation>They are the same person. Merging cannot be undone.</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Merge</translation>
    </message>
    <message>
        <source>Could not load the customers: %1</source>
        <translation>Could not load the customers: %1</translation>
    </message>
    <message>
        <source>%1 — saldo %2</source>
        <translation>%1 — saldo %2</translation>
    </message>
    <message>
        <source>(could not load: %1)</source>
        <translation>(could not load: %1)</translation>
    </message>
    <message>
        <source>%1, saldo %2, chats: %3</source>
        <translation>%1, saldo %2, chats: %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>loading…</translation>
    </message>
    <message>
        <source>Choose the other customer above.</source>
        <translation>Choose the other customer above.</translation>
    </message>
    <message numerus="yes">
        <source>%1 with saldo %2 and %n chat(s); %3 disappears from the lists.</source>
        <translation>
            <numerusform>%1 with saldo %2 and %n chat; %3 disappears from the lists.</numerusform>
            <numerusform>%1 with saldo %2 and %n chats; %3 disappears from the lists.</numerusform>
        </translation>
    </message>
    <message>
        <source>Both customers have a QRIS payment waiting. Wait until one of them is paid, expires or is cancelled, then merge.</source>
        <translation>Both customers have a QRIS payment waiting. Wait until one of them is paid, expires or is cancelled, then merge.</translation>
    </message>
    <message>
        <source>One of them was merged already. Reload the customers and try again.</source>
        <translation>One of them was merged already. Reload the customers and try again.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::NotificationTableModel</name>
    <message>
        <source>Posted on the phone %1</source>
        <translation>Posted on the phone %1</translation>
    </message>
    <message>
        <source>By %1 at %2: %3</source>
        <translation>By %1 at %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>The phone sent the same notification %n more time(s).</source>
        <translation>
            <numerusform>The phone sent the same notification %n more time.</numerusform>
            <numerusform>The phone sent the same notification %n more times.</numerusform>
        </translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Repeats</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
</context>
<context>
    <name>kedai::gui::OrderDetailDialog</name>
    <message>
        <source>&amp;Reveal</source>
        <translation>&amp;Reveal</translation>
    </message>
    <message>
        <source>Re&amp;send delivery</source>
        <translation>Re&amp;send delivery</translation>
    </message>
    <message>
        <source>Re&amp;fund…</source>
        <translation>Re&amp;fund…</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Order %1</translation>
    </message>
    <message>
        <source>Delivered items</source>
        <translation>Delivered items</translation>
    </message>
    <message>
        <source>No items</source>
        <translation>No items</translation>
    </message>
    <message>
        <source>Show the delivered items. Who looked is written in the audit log.</source>
        <translation>Show the delivered items. Who looked is written in the audit log.</translation>
    </message>
    <message>
        <source>Could not load the order: %1</source>
        <translation>Could not load the order: %1</translation>
    </message>
    <message>
        <source>There is no order %1.</source>
        <translation>There is no order %1.</translation>
    </message>
    <message>
        <source>Ref:</source>
        <translation>Ref:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Created:</translation>
    </message>
    <message>
        <source>Paid:</source>
        <translation>Paid:</translation>
    </message>
    <message>
        <source>Delivered:</source>
        <translation>Delivered:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <source>Customer&apos;s saldo now:</source>
        <translation>Customer&apos;s saldo now:</translation>
    </message>
    <message>
        <source>Product:</source>
        <translation>Product:</translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation>Quantity:</translation>
    </message>
    <message>
        <source>Unit price:</source>
        <translation>Unit price:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Total:</translation>
    </message>
    <message>
        <source>Payment:</source>
        <translation>Payment:</translation>
    </message>
    <message>
        <source>Kode unik:</source>
        <translation>Kode unik:</translation>
    </message>
    <message>
        <source>Amount paid:</source>
        <translation>Amount paid:</translation>
    </message>
    <message>
        <source>%1  %2  %3  by %4  %5</source>
        <translation>%1  %2  %3  by %4  %5</translation>
    </message>
    <message>
        <source>Saldo movements:</source>
        <translation>Saldo movements:</translation>
    </message>
    <message>
        <source>Item %1: %2</source>
        <translation>Item %1: %2</translation>
    </message>
    <message>
        <source>Shown to you; this was written in the audit log.</source>
        <translation>Shown to you; this was written in the audit log.</translation>
    </message>
    <message>
        <source>This customer has no WhatsApp or other channel to write to.</source>
        <translation>This customer has no WhatsApp or other channel to write to.</translation>
    </message>
    <message>
        <source>The delivery of %1 is on its way to %2 again.</source>
        <translation>The delivery of %1 is on its way to %2 again.</translation>
    </message>
    <message>
        <source>%1 refunded: %2 added to the customer&apos;s saldo (now %3).</source>
        <translation>%1 refunded: %2 added to the customer&apos;s saldo (now %3).</translation>
    </message>
</context>
<context>
    <name>kedai::gui::OrderTableModel</name>
    <message>
        <source>Ref</source>
        <translation>Ref</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>kedai::gui::OrdersPanel</name>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Could not load the orders: %1</source>
        <translation>Could not load the orders: %1</translation>
    </message>
    <message>
        <source>Customer phone or name, or a ref (Ctrl+F)</source>
        <translation>Customer phone or name, or a ref (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation>&amp;Product:</translation>
    </message>
    <message>
        <source>&amp;Payment:</source>
        <translation>&amp;Payment:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>C&amp;lear filters</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>&amp;Details…</translation>
    </message>
    <message>
        <source>Open the selected order (Enter)</source>
        <translation>Open the selected order (Enter)</translation>
    </message>
    <message>
        <source>Re&amp;send delivery</source>
        <translation>Re&amp;send delivery</translation>
    </message>
    <message>
        <source>&amp;Refund…</source>
        <translation>&amp;Refund…</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Export CSV…</translation>
    </message>
    <message>
        <source>Save every order that matches the filters as a CSV file (Ctrl+E)</source>
        <translation>Save every order that matches the filters as a CSV file (Ctrl+E)</translation>
    </message>
    <message>
        <source>All payments</source>
        <translation>All payments</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>All products</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Loading orders…</source>
        <translation>Loading orders…</translation>
    </message>
    <message>
        <source>No orders match</source>
        <translation>No orders match</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message>
        <source>1–%1 of %2 orders (scroll for more)</source>
        <translation>1–%1 of %2 orders (scroll for more)</translation>
    </message>
    <message>
        <source>%1 refunded: %2 added to the customer&apos;s saldo (now %3).</source>
        <translation>%1 refunded: %2 added to the customer&apos;s saldo (now %3).</translation>
    </message>
    <message>
        <source>Could not resend %1: %2</source>
        <translation>Could not resend %1: %2</translation>
    </message>
    <message>
        <source>The delivery of %1 is on its way to %2 again.</source>
        <translation>The delivery of %1 is on its way to %2 again.</translation>
    </message>
    <message>
        <source>Export orders</source>
        <translation>Export orders</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <source>Exporting orders…</source>
        <translation>Exporting orders…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) exported to %1.</source>
        <translation>
            <numerusform>%n order exported to %1.</numerusform>
            <numerusform>%n orders exported to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export failed: %1</translation>
    </message>
</context>
<context>
    <name>kedai::gui::PasswordFields</name>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation>At least %1 characters.</translation>
    </message>
    <message>
        <source>Weak: easy to guess. Use a longer password or mix letters, digits and signs.</source>
        <translation>Weak: easy to guess. Use a longer password or mix letters, digits and signs.</translation>
    </message>
    <message>
        <source>Fair. Longer is better: a short sentence is easy to remember and hard to guess.</source>
        <translation>Fair. Longer is better: a short sentence is easy to remember and hard to guess.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Strong.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>The two passwords are not the same.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ProductDialog</name>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>e.g. NF1</source>
        <translation>e.g. NF1</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>C&amp;ategory:</source>
        <translation>C&amp;ategory:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Bronze price (Rp):</source>
        <translation>&amp;Bronze price (Rp):</translation>
    </message>
    <message>
        <source>e.g. 25000</source>
        <translation>e.g. 25000</translation>
    </message>
    <message>
        <source>&amp;Silver price (Rp):</source>
        <translation>&amp;Silver price (Rp):</translation>
    </message>
    <message>
        <source>e.g. 24000</source>
        <translation>e.g. 24000</translation>
    </message>
    <message>
        <source>&amp;Gold price (Rp):</source>
        <translation>&amp;Gold price (Rp):</translation>
    </message>
    <message>
        <source>e.g. 23000</source>
        <translation>e.g. 23000</translation>
    </message>
    <message>
        <source>&amp;Low stock warning at:</source>
        <translation>&amp;Low stock warning at:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description:</translation>
    </message>
    <message>
        <source>&amp;Terms:</source>
        <translation>&amp;Terms:</translation>
    </message>
    <message>
        <source>Active (customers can buy it)</source>
        <translation>Active (customers can buy it)</translation>
    </message>
    <message>
        <source>Add product</source>
        <translation>Add product</translation>
    </message>
    <message>
        <source>Edit product %1</source>
        <translation>Edit product %1</translation>
    </message>
    <message>
        <source>The code must be 1 to 20 characters: letters A-Z, digits, &quot;-&quot; or &quot;_&quot;.</source>
        <translation>The code must be 1 to 20 characters: letters A-Z, digits, &quot;-&quot; or &quot;_&quot;.</translation>
    </message>
    <message>
        <source>The name is required.</source>
        <translation>The name is required.</translation>
    </message>
    <message>
        <source>The bronze price must be a whole number of rupiah above 0.</source>
        <translation>The bronze price must be a whole number of rupiah above 0.</translation>
    </message>
    <message>
        <source>The silver price must be a whole number of rupiah above 0.</source>
        <translation>The silver price must be a whole number of rupiah above 0.</translation>
    </message>
    <message>
        <source>The gold price must be a whole number of rupiah above 0.</source>
        <translation>The gold price must be a whole number of rupiah above 0.</translation>
    </message>
    <message>
        <source>Pick one or type a new category</source>
        <translation>Pick one or type a new category</translation>
    </message>
    <message>
        <source>The code %1 is already used by another product. Choose another code.</source>
        <translation>The code %1 is already used by another product. Choose another code.</translation>
    </message>
    <message>
        <source>Your account may not edit products. Ask a manager or the shop owner.</source>
        <translation>Your account may not edit products. Ask a manager or the shop owner.</translation>
    </message>
    <message>
        <source>Unusual prices: silver customers usually pay at most the bronze price and gold customers at most the silver price. Check the prices; you can still save them.</source>
        <translation>Unusual prices: silver customers usually pay at most the bronze price and gold customers at most the silver price. Check the prices; you can still save them.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ProductTableModel</name>
    <message>
        <source>Low stock: %1 or fewer items left</source>
        <translation>Low stock: %1 or fewer items left</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Bronze price</source>
        <translation>Bronze price</translation>
    </message>
    <message>
        <source>Silver price</source>
        <translation>Silver price</translation>
    </message>
    <message>
        <source>Gold price</source>
        <translation>Gold price</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>kedai::gui::QrisPanel</name>
    <message>
        <source>Waiting for payment</source>
        <translation>Waiting for payment</translation>
    </message>
    <message>
        <source>Confirm &amp;paid…</source>
        <translation>Confirm &amp;paid…</translation>
    </message>
    <message>
        <source>The money arrived but the phone did not report it: mark it paid by hand.</source>
        <translation>The money arrived but the phone did not report it: mark it paid by hand.</translation>
    </message>
    <message>
        <source>Unmatched money</source>
        <translation>Unmatched money</translation>
    </message>
    <message>
        <source>&amp;Assign to order…</source>
        <translation>&amp;Assign to order…</translation>
    </message>
    <message>
        <source>C&amp;redit to customer…</source>
        <translation>C&amp;redit to customer…</translation>
    </message>
    <message>
        <source>Notifications from the phone</source>
        <translation>Notifications from the phone</translation>
    </message>
    <message>
        <source>Could not load the QRIS payments: %1</source>
        <translation>Could not load the QRIS payments: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) waiting</source>
        <translation>
            <numerusform>%n payment waiting</numerusform>
            <numerusform>%n payments waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the unmatched money: %1</source>
        <translation>Could not load the unmatched money: %1</translation>
    </message>
    <message>
        <source>No unmatched money.</source>
        <translation>No unmatched money.</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) matched no order: assign them.</source>
        <translation>
            <numerusform>%n payment matched no order: assign it.</numerusform>
            <numerusform>%n payments matched no order: assign them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the notifications: %1</source>
        <translation>Could not load the notifications: %1</translation>
    </message>
    <message>
        <source>%1 confirmed as paid (%2).</source>
        <translation>%1 confirmed as paid (%2).</translation>
    </message>
</context>
<context>
    <name>kedai::gui::QrisPaymentTableModel</name>
    <message>
        <source>Created %1, expires %2</source>
        <translation>Created %1, expires %2</translation>
    </message>
    <message>
        <source>The customer pays exactly this amount; the kode unik tells the payments apart.</source>
        <translation>The customer pays exactly this amount; the kode unik tells the payments apart.</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>Ref</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>For</source>
        <translation>For</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Kode unik</source>
        <translation>Kode unik</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>To pay</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>Expired, waiting for the sweeper</source>
        <translation>Expired, waiting for the sweeper</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>Deposit</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
</context>
<context>
    <name>kedai::gui::QrisSettingsForm</name>
    <message>
        <source>&amp;Save settings</source>
        <translation>&amp;Save settings</translation>
    </message>
    <message>
        <source>The customer pays the total plus a unique code from 1 to this number, so every waiting payment has its own amount and Kedai can tell who paid. More codes let more customers wait to pay at the same time; fewer keep the extra rupiah small.</source>
        <translation>The customer pays the total plus a unique code from 1 to this number, so every waiting payment has its own amount and Kedai can tell who paid. More codes let more customers wait to pay at the same time; fewer keep the extra rupiah small.</translation>
    </message>
    <message>
        <source>e.g. 2000/50000; empty: no bonus</source>
        <translation>e.g. 2000/50000; empty: no bonus</translation>
    </message>
    <message>
        <source>Saldo bonus on deposits paid with QRIS: 2000/50000 gives Rp 2.000 for every full Rp 50.000 deposited.</source>
        <translation>Saldo bonus on deposits paid with QRIS: 2000/50000 gives Rp 2.000 for every full Rp 50.000 deposited.</translation>
    </message>
    <message>
        <source>Other apps that mention QRIS</source>
        <translation>Other apps that mention QRIS</translation>
    </message>
    <message>
        <source>Any other app whose notification says that a QRIS payment was received</source>
        <translation>Any other app whose notification says that a QRIS payment was received</translation>
    </message>
    <message>
        <source>Android app %1</source>
        <translation>Android app %1</translation>
    </message>
    <message>
        <source>Highest unique &amp;code:</source>
        <translation>Highest unique &amp;code:</translation>
    </message>
    <message>
        <source>Deposit &amp;bonus:</source>
        <translation>Deposit &amp;bonus:</translation>
    </message>
    <message>
        <source>Payment apps:</source>
        <translation>Payment apps:</translation>
    </message>
    <message>
        <source>Only notifications from the ticked apps count as money received.</source>
        <translation>Only notifications from the ticked apps count as money received.</translation>
    </message>
    <message>
        <source>Write it as bonus/step, e.g. 2000/50000.</source>
        <translation>Write it as bonus/step, e.g. 2000/50000.</translation>
    </message>
    <message>
        <source>No bonus on deposits.</source>
        <translation>No bonus on deposits.</translation>
    </message>
    <message>
        <source>Deposit %1 → bonus %2</source>
        <translation>Deposit %1 → bonus %2</translation>
    </message>
    <message>
        <source>Could not load the QRIS settings: %1</source>
        <translation>Could not load the QRIS settings: %1</translation>
    </message>
    <message>
        <source>Tick at least one payment app: only notifications from the ticked apps count as payments.</source>
        <translation>Tick at least one payment app: only notifications from the ticked apps count as payments.</translation>
    </message>
    <message>
        <source>Nothing to save: the settings have not changed.</source>
        <translation>Nothing to save: the settings have not changed.</translation>
    </message>
    <message>
        <source>QRIS settings saved.</source>
        <translation>QRIS settings saved.</translation>
    </message>
    <message>
        <source>Only some settings were saved: %1</source>
        <translation>Only some settings were saved: %1</translation>
    </message>
    <message>
        <source>The settings were not saved: %1</source>
        <translation>The settings were not saved: %1</translation>
    </message>
</context>
<context>
    <name>kedai::gui::QrisSetupBox</name>
    <message>
        <source>QRIS set-up</source>
        <translation>QRIS set-up</translation>
    </message>
    <message>
        <source>&amp;Use this QRIS</source>
        <translation>&amp;Use this QRIS</translation>
    </message>
    <message>
        <source>Tur&amp;n QRIS off…</source>
        <translation>Tur&amp;n QRIS off…</translation>
    </message>
    <message>
        <source>Set &amp;key</source>
        <translation>Set &amp;key</translation>
    </message>
    <message>
        <source>Paste the text of the shop&apos;s static QRIS (starts with 000201)</source>
        <translation>Paste the text of the shop&apos;s static QRIS (starts with 000201)</translation>
    </message>
    <message>
        <source>leave empty to generate a random key</source>
        <translation>leave empty to generate a random key</translation>
    </message>
    <message>
        <source>Hi&amp;de</source>
        <translation>Hi&amp;de</translation>
    </message>
    <message>
        <source>Enter these in the notification forwarder app on the shop&apos;s phone. The key is shown only now.</source>
        <translation>Enter these in the notification forwarder app on the shop&apos;s phone. The key is shown only now.</translation>
    </message>
    <message>
        <source>URL (POST):</source>
        <translation>URL (POST):</translation>
    </message>
    <message>
        <source>Header %1:</source>
        <translation>Header %1:</translation>
    </message>
    <message>
        <source>S&amp;tatic QRIS:</source>
        <translation>S&amp;tatic QRIS:</translation>
    </message>
    <message>
        <source>&amp;Listener key:</source>
        <translation>&amp;Listener key:</translation>
    </message>
    <message>
        <source>QRIS is on: &lt;b&gt;%1&lt;/b&gt;, %2.</source>
        <translation>QRIS is on: &lt;b&gt;%1&lt;/b&gt;, %2.</translation>
    </message>
    <message numerus="yes">
        <source>Customers have %n minute(s) to pay.</source>
        <translation>
            <numerusform>Customers have %n minute to pay.</numerusform>
            <numerusform>Customers have %n minutes to pay.</numerusform>
        </translation>
    </message>
    <message>
        <source>QRIS is off: the configured QRIS text was refused. %1</source>
        <translation>QRIS is off: the configured QRIS text was refused. %1</translation>
    </message>
    <message>
        <source>QRIS is off. Paste the shop&apos;s static QRIS text below to sell with QRIS.</source>
        <translation>QRIS is off. Paste the shop&apos;s static QRIS text below to sell with QRIS.</translation>
    </message>
    <message>
        <source>A key is set.</source>
        <translation>A key is set.</translation>
    </message>
    <message>
        <source>No key yet: the phone cannot report payments.</source>
        <translation>No key yet: the phone cannot report payments.</translation>
    </message>
    <message>
        <source>Change &amp;key</source>
        <translation>Change &amp;key</translation>
    </message>
    <message>
        <source>Turn QRIS off</source>
        <translation>Turn QRIS off</translation>
    </message>
    <message>
        <source>The QRIS text was not used: %1</source>
        <translation>The QRIS text was not used: %1</translation>
    </message>
    <message>
        <source>QRIS is off.</source>
        <translation>QRIS is off.</translation>
    </message>
    <message>
        <source>The shop&apos;s QRIS is set.</source>
        <translation>The shop&apos;s QRIS is set.</translation>
    </message>
    <message>
        <source>The listener key was not changed: %1</source>
        <translation>The listener key was not changed: %1</translation>
    </message>
    <message>
        <source>The listener key is set. Enter it in the phone&apos;s forwarder app.</source>
        <translation>The listener key is set. Enter it in the phone&apos;s forwarder app.</translation>
    </message>
    <message>
        <source>Turn QRIS off? Customers can no longer pay with QRIS until a static QRIS text is set again.</source>
        <translation>Turn QRIS off? Customers can no longer pay with QRIS until a static QRIS text is set again.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::RefundDialog</name>
    <message>
        <source>This order has already been refunded. Nothing was changed.</source>
        <translation>This order has already been refunded. Nothing was changed.</translation>
    </message>
    <message>
        <source>Only paid or delivered orders can be refunded. Nothing was changed.</source>
        <translation>Only paid or delivered orders can be refunded. Nothing was changed.</translation>
    </message>
    <message>
        <source>Write the reason for the refund.</source>
        <translation>Write the reason for the refund.</translation>
    </message>
    <message>
        <source>Your account may not refund orders. Ask the shop owner or a manager.</source>
        <translation>Your account may not refund orders. Ask the shop owner or a manager.</translation>
    </message>
    <message>
        <source>Return the items to stock</source>
        <translation>Return the items to stock</translation>
    </message>
    <message>
        <source>Refund order %1</source>
        <translation>Refund order %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 goes back to the saldo of %2. The order becomes &quot;Refunded&quot;; this cannot be undone.</source>
        <translation>%1 goes back to the saldo of %2. The order becomes &quot;Refunded&quot;; this cannot be undone.</translation>
    </message>
    <message>
        <source>Ref:</source>
        <translation>Ref:</translation>
    </message>
    <message>
        <source>Product:</source>
        <translation>Product:</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Refund:</source>
        <translation>Refund:</translation>
    </message>
    <message>
        <source>e.g. the account does not work, the customer asked</source>
        <translation>e.g. the account does not work, the customer asked</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>Only when the items were never used: the customer has seen them and could still use them. They are sold again to the next buyer.</source>
        <translation>Only when the items were never used: the customer has seen them and could still use them. They are sold again to the next buyer.</translation>
    </message>
    <message>
        <source>Refund to saldo</source>
        <translation>Refund to saldo</translation>
    </message>
    <message>
        <source>Write the reason for the refund: it is kept in the customer&apos;s saldo history.</source>
        <translation>Write the reason for the refund: it is kept in the customer&apos;s saldo history.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::SaldoDialog</name>
    <message>
        <source>Top up / deduct saldo</source>
        <translation>Top up / deduct saldo</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Customer:</translation>
    </message>
    <message>
        <source>Current saldo:</source>
        <translation>Current saldo:</translation>
    </message>
    <message>
        <source>&amp;Top up</source>
        <translation>&amp;Top up</translation>
    </message>
    <message>
        <source>&amp;Deduct</source>
        <translation>&amp;Deduct</translation>
    </message>
    <message>
        <source>&amp;Amount (Rp):</source>
        <translation>&amp;Amount (Rp):</translation>
    </message>
    <message>
        <source>e.g. 50000</source>
        <translation>e.g. 50000</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>e.g. transfer BCA 21/11</source>
        <translation>e.g. transfer BCA 21/11</translation>
    </message>
    <message>
        <source>New saldo:</source>
        <translation>New saldo:</translation>
    </message>
    <message>
        <source>Enter the amount as a whole number of rupiah above 0.</source>
        <translation>Enter the amount as a whole number of rupiah above 0.</translation>
    </message>
    <message>
        <source>Cannot deduct more than the current saldo (%1).</source>
        <translation>Cannot deduct more than the current saldo (%1).</translation>
    </message>
    <message>
        <source>The amount is too large.</source>
        <translation>The amount is too large.</translation>
    </message>
    <message>
        <source>A reason is required (it is kept in the ledger).</source>
        <translation>A reason is required (it is kept in the ledger).</translation>
    </message>
</context>
<context>
    <name>kedai::gui::SettingsPanel</name>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Database and Redis</source>
        <translation>Database and Redis</translation>
    </message>
    <message>
        <source>Channels and payments</source>
        <translation>Channels and payments</translation>
    </message>
    <message>
        <source>Reply templates</source>
        <translation>Reply templates</translation>
    </message>
    <message>
        <source>Sending and bot</source>
        <translation>Sending and bot</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Only the shop owner can change settings.</source>
        <translation>Only the shop owner can change settings.</translation>
    </message>
    <message>
        <source>Shop profile</source>
        <translation>Shop profile</translation>
    </message>
    <message>
        <source>Shown by the bot in its greeting and catalog ({shop} in the reply templates).</source>
        <translation>Shown by the bot in its greeting and catalog ({shop} in the reply templates).</translation>
    </message>
    <message>
        <source>Shop name:</source>
        <translation>Shop name:</translation>
    </message>
    <message>
        <source>WhatsApp numbers that may use the owner commands.</source>
        <translation>WhatsApp numbers that may use the owner commands.</translation>
    </message>
    <message>
        <source>Owner WhatsApp numbers:</source>
        <translation>Owner WhatsApp numbers:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Window and bot replies:</source>
        <translation>Window and bot replies:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Saved. The bot uses the new shop name and numbers after a restart.</source>
        <translation>Saved. The bot uses the new shop name and numbers after a restart.</translation>
    </message>
    <message>
        <source>Messages per second (0 = no cap):</source>
        <translation>Messages per second (0 = no cap):</translation>
    </message>
    <message>
        <source>Gap between messages to one customer (ms):</source>
        <translation>Gap between messages to one customer (ms):</translation>
    </message>
    <message>
        <source>Bot pause after a staff reply (minutes, 0 = never):</source>
        <translation>Bot pause after a staff reply (minutes, 0 = never):</translation>
    </message>
    <message>
        <source>Lock the window after idle minutes (0 = never):</source>
        <translation>Lock the window after idle minutes (0 = never):</translation>
    </message>
    <message>
        <source>Saved: Kedai uses the new values now.</source>
        <translation>Saved: Kedai uses the new values now.</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <source>SQLite: a consistent copy of the database file while the shop keeps running. PostgreSQL: pg_dump (install postgresql-client).</source>
        <translation>SQLite: a consistent copy of the database file while the shop keeps running. PostgreSQL: pg_dump (install postgresql-client).</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>The backup failed: %1</translation>
    </message>
    <message>
        <source>Backup written: %1</source>
        <translation>Backup written: %1</translation>
    </message>
</context>
<context>
    <name>kedai::gui::SignInDialog</name>
    <message>
        <source>Sign in to Kedai</source>
        <translation>Sign in to Kedai</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Sign in</translation>
    </message>
</context>
<context>
    <name>kedai::gui::StaffAccountsDialog</name>
    <message>
        <source>Staff accounts</source>
        <translation>Staff accounts</translation>
    </message>
    <message>
        <source>Staff manage stock and orders and answer chats. Managers may also change prices, refund, change saldo and see the audit log. The owner may do everything, including settings, accounts and backups.</source>
        <translation>Staff manage stock and orders and answer chats. Managers may also change prices, refund, change saldo and see the audit log. The owner may do everything, including settings, accounts and backups.</translation>
    </message>
    <message>
        <source>&amp;New account</source>
        <translation>&amp;New account</translation>
    </message>
    <message>
        <source>Set &amp;password…</source>
        <translation>Set &amp;password…</translation>
    </message>
    <message>
        <source>Change &amp;my password…</source>
        <translation>Change &amp;my password…</translation>
    </message>
    <message>
        <source>Only the shop owner manages accounts. You can change your own password.</source>
        <translation>Only the shop owner manages accounts. You can change your own password.</translation>
    </message>
    <message>
        <source>3 to 32 small letters, digits, dots, dashes or underscores. It cannot be changed later.</source>
        <translation>3 to 32 small letters, digits, dots, dashes or underscores. It cannot be changed later.</translation>
    </message>
    <message>
        <source>Account can sign in</source>
        <translation>Account can sign in</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Name shown:</source>
        <translation>&amp;Name shown:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>Could not load the accounts: %1</source>
        <translation>Could not load the accounts: %1</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation>&amp;Create account</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Account %1</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Save changes</translation>
    </message>
    <message>
        <source>Account %1 created.</source>
        <translation>Account %1 created.</translation>
    </message>
    <message>
        <source>Account %1 saved.</source>
        <translation>Account %1 saved.</translation>
    </message>
    <message>
        <source>The password was changed.</source>
        <translation>The password was changed.</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Your password was changed.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::StaffTableModel</name>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Switched off</source>
        <translation>Switched off</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Last sign-in</translation>
    </message>
</context>
<context>
    <name>kedai::gui::StockItemModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
</context>
<context>
    <name>kedai::gui::StockPasteDialog</name>
    <message>
        <source>Paste stock</source>
        <translation>Paste stock</translation>
    </message>
    <message>
        <source>Paste the items here</source>
        <translation>Paste the items here</translation>
    </message>
    <message>
        <source>&amp;Save items</source>
        <translation>&amp;Save items</translation>
    </message>
    <message>
        <source>%1  [duplicate in the pasted text]</source>
        <translation>%1  [duplicate in the pasted text]</translation>
    </message>
    <message>
        <source>%1  [already in stock]</source>
        <translation>%1  [already in stock]</translation>
    </message>
    <message>
        <source>%1  [too long]</source>
        <translation>%1  [too long]</translation>
    </message>
    <message>
        <source>%1 new, %2 duplicated in the text, %3 already in stock, %4 too long.</source>
        <translation>%1 new, %2 duplicated in the text, %3 already in stock, %4 too long.</translation>
    </message>
    <message>
        <source>Checking the current stock…</source>
        <translation>Checking the current stock…</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>Nothing was saved: %1</translation>
    </message>
    <message>
        <source>%1: added %2 item(s), skipped %3 (%4 duplicated in the text, %5 already in stock, %6 rejected).</source>
        <translation>%1: added %2 item(s), skipped %3 (%4 duplicated in the text, %5 already in stock, %6 rejected).</translation>
    </message>
    <message>
        <source>One line is one item a customer receives, e.g. email|password|profile|pin. Empty lines and lines starting with # are skipped. Import file… reads a .txt file (one item per line) or a .csv file (one column of your choice; a header row is read as an item, so remove it or start it with #).</source>
        <translation>One line is one item a customer receives, e.g. email|password|profile|pin. Empty lines and lines starting with # are skipped. Import file… reads a .txt file (one item per line) or a .csv file (one column of your choice; a header row is read as an item, so remove it or start it with #).</translation>
    </message>
    <message>
        <source>Add stock: %1 (%2)</source>
        <translation>Add stock: %1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Import file…</source>
        <translation>&amp;Import file…</translation>
    </message>
    <message>
        <source>Import stock items</source>
        <translation>Import stock items</translation>
    </message>
    <message>
        <source>Stock files (*.txt *.csv);;All files (*)</source>
        <translation>Stock files (*.txt *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>Column %1 (first row: %2)</source>
        <translation>Column %1 (first row: %2)</translation>
    </message>
    <message>
        <source>Which column holds the items?</source>
        <translation>Which column holds the items?</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>The file is too large to import (at most 64 MB).</source>
        <translation>The file is too large to import (at most 64 MB).</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Could not read %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) from %1 are in the preview. Type or paste here to use this text instead.</source>
        <translation>
            <numerusform>%n item from %1 are in the preview. Type or paste here to use this text instead.</numerusform>
            <numerusform>%n items from %1 are in the preview. Type or paste here to use this text instead.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking %v of %m lines…</source>
        <translation>Checking %v of %m lines…</translation>
    </message>
    <message>
        <source>Could not check the current stock: %1</source>
        <translation>Could not check the current stock: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Nothing was saved: your account may not add stock.</source>
        <translation>Nothing was saved: your account may not add stock.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::TemplateEditor</name>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Reset to default</source>
        <translation>Reset to default</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>Indonesian</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Reply text (*bold*, _italic_ as in WhatsApp):</source>
        <translation>Reply text (*bold*, _italic_ as in WhatsApp):</translation>
    </message>
    <message>
        <source>Preview with example values:</source>
        <translation>Preview with example values:</translation>
    </message>
    <message>
        <source> (changed)</source>
        <translation> (changed)</translation>
    </message>
    <message>
        <source>This reply has no placeholders.</source>
        <translation>This reply has no placeholders.</translation>
    </message>
    <message>
        <source>Placeholders (keep each one): %1</source>
        <translation>Placeholders (keep each one): %1</translation>
    </message>
    <message>
        <source>{shop} (the shop&apos;s name) may be used in any reply.</source>
        <translation>{shop} (the shop&apos;s name) may be used in any reply.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is back to the default text.</source>
        <translation>&quot;%1&quot; is back to the default text.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; saved: the bot uses it from its next reply.</source>
        <translation>&quot;%1&quot; saved: the bot uses it from its next reply.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::TopProductsModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Revenue</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Kedai cannot start:
%1</source>
        <translation>Kedai cannot start:
%1</translation>
    </message>
    <message>
        <source>Kedai cannot read the accounts:
%1</source>
        <translation>Kedai cannot read the accounts:
%1</translation>
    </message>
</context>
</TS>
