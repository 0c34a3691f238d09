<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
        <source>Search phone or name…</source>
        <translation>Search phone or name…</translation>
    </message>
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
        <source>%1: saldo %2</source>
        <translation>%1: saldo %2</translation>
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
        <source>&amp;Paste stock…</source>
        <translation>&amp;Paste stock…</translation>
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
        <source>%1 (%2): %3 available, %4 sold</source>
        <translation>%1 (%2): %3 available, %4 sold</translation>
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
        <source>&lt;p&gt;Current language: &lt;b&gt;%1&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;The window and the bot&apos;s replies use the language set by &lt;tt&gt;KEDAI_LANGUAGE&lt;/tt&gt; (&lt;tt&gt;id&lt;/tt&gt; or &lt;tt&gt;en&lt;/tt&gt;) in the settings file &lt;tt&gt;%2&lt;/tt&gt; or in the environment. A change takes effect when Kedai is started again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Current language: &lt;b&gt;%1&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;The window and the bot&apos;s replies use the language set by &lt;tt&gt;KEDAI_LANGUAGE&lt;/tt&gt; (&lt;tt&gt;id&lt;/tt&gt; or &lt;tt&gt;en&lt;/tt&gt;) in the settings file &lt;tt&gt;%2&lt;/tt&gt; or in the environment. A change takes effect when Kedai is started again.&lt;/p&gt;</translation>
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
    <message numerus="yes">
        <source>Showing the latest %n order(s)</source>
        <translation>
            <numerusform>Showing the latest %n order</numerusform>
            <numerusform>Showing the latest %n orders</numerusform>
        </translation>
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
        <source>One line is one item a customer receives, e.g. email|password|profile|pin. Empty lines and lines starting with # are skipped.</source>
        <translation>One line is one item a customer receives, e.g. email|password|profile|pin. Empty lines and lines starting with # are skipped.</translation>
    </message>
    <message>
        <source>Paste the items here</source>
        <translation>Paste the items here</translation>
    </message>
    <message>
        <source>Paste stock: %1 (%2)</source>
        <translation>Paste stock: %1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Save items</source>
        <translation>&amp;Save items</translation>
    </message>
    <message>
        <source>Could not read the current stock: %1</source>
        <translation>Could not read the current stock: %1</translation>
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
</context>
<context>
    <name>main</name>
    <message>
        <source>Kedai cannot start:
%1</source>
        <translation>Kedai cannot start:
%1</translation>
    </message>
</context>
</TS>
