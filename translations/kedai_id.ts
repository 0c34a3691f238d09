<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Engine</name>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Nama pengguna atau kata sandi salah.</translation>
    </message>
    <message>
        <source>Nothing answers at %1: is the server running and is the port right?</source>
        <translation>Tidak ada jawaban dari %1: apakah server berjalan dan port-nya benar?</translation>
    </message>
    <message>
        <source>The host name cannot be found: check the address.</source>
        <translation>Nama host tidak ditemukan: periksa alamatnya.</translation>
    </message>
    <message>
        <source>No answer within %1 seconds: the host is unreachable or a firewall drops the connection.</source>
        <translation>Tidak ada jawaban dalam %1 detik: host tidak terjangkau atau firewall memblokir koneksi.</translation>
    </message>
    <message>
        <source>The server answers but the database does not exist.</source>
        <translation>Server menjawab, tetapi database-nya tidak ada.</translation>
    </message>
    <message>
        <source>The address is not valid.</source>
        <translation>Alamatnya tidak valid.</translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation>Koneksi gagal.</translation>
    </message>
</context>
<context>
    <name>SettingsErrors</name>
    <message>
        <source>The send rate must be a whole number of messages per second from 0 (no cap) to 1000.</source>
        <translation>Batas kirim harus bilangan bulat pesan per detik, dari 0 (tanpa batas) sampai 1000.</translation>
    </message>
    <message>
        <source>The gap between two messages to one customer must be a whole number of milliseconds from 0 to 60000.</source>
        <translation>Jeda antara dua pesan ke satu pelanggan harus bilangan bulat milidetik, dari 0 sampai 60000.</translation>
    </message>
    <message>
        <source>The bot pause must be a whole number of minutes from 0 (never pause) to 1440.</source>
        <translation>Lama jeda bot harus bilangan bulat menit, dari 0 (tidak pernah dijeda) sampai 1440.</translation>
    </message>
    <message>
        <source>The idle lock must be a whole number of minutes from 0 (never lock) to 240.</source>
        <translation>Kunci otomatis harus bilangan bulat menit, dari 0 (tidak pernah dikunci) sampai 240.</translation>
    </message>
    <message>
        <source>Your account may not change settings. Ask the shop owner.</source>
        <translation>Akun Anda tidak boleh mengubah pengaturan. Tanyakan ke pemilik toko.</translation>
    </message>
    <message>
        <source>The reply is empty. Use &quot;Reset to default&quot; to go back to the original text.</source>
        <translation>Balasan kosong. Gunakan &quot;Kembalikan ke bawaan&quot; untuk kembali ke teks asli.</translation>
    </message>
    <message>
        <source>Unknown placeholder %1: this reply cannot fill it in.</source>
        <translation>Penanda %1 tidak dikenal: balasan ini tidak bisa mengisinya.</translation>
    </message>
    <message>
        <source>The reply must keep %1.</source>
        <translation>Balasan harus tetap memuat %1.</translation>
    </message>
</context>
<context>
    <name>kedai::engine::Engine</name>
    <message>
        <source>A reason is required.</source>
        <translation>Alasan wajib diisi.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number. Example: 628111000001</source>
        <translation>&quot;%1&quot; bukan nomor telepon. Contoh: 628111000001</translation>
    </message>
    <message>
        <source>Type a message first.</source>
        <translation>Ketik pesan terlebih dahulu.</translation>
    </message>
    <message>
        <source>The language must be id (Indonesian) or en (English).</source>
        <translation>Bahasa harus id (Indonesia) atau en (Inggris).</translation>
    </message>
    <message>
        <source>The shop name must have 1 to 80 characters.</source>
        <translation>Nama toko harus 1 sampai 80 karakter.</translation>
    </message>
    <message>
        <source>The database address must start with sqlite:// or postgresql://, e.g. postgresql://kedai:password@localhost:5432/kedai.</source>
        <translation>Alamat database harus diawali sqlite:// atau postgresql://, mis. postgresql://kedai:password@localhost:5432/kedai.</translation>
    </message>
    <message>
        <source>The Redis address must look like redis://:password@localhost:6379/0.</source>
        <translation>Alamat Redis harus seperti redis://:password@localhost:6379/0.</translation>
    </message>
    <message>
        <source>%1 must be an http(s) address such as https://example.com.</source>
        <translation>%1 harus berupa alamat http(s) seperti https://example.com.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a WhatsApp number. Write numbers like 628111000001, separated by commas.</source>
        <translation>&quot;%1&quot; bukan nomor WhatsApp. Tulis nomor seperti 628111000001, dipisahkan koma.</translation>
    </message>
    <message>
        <source>The admin token must have at least 16 characters.</source>
        <translation>Token admin minimal 16 karakter.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 cannot be changed here.</source>
        <translation>%1 tidak bisa diubah di sini.</translation>
    </message>
    <message>
        <source>Enter the phone number id and the access token first.</source>
        <translation>Isi ID nomor telepon dan token akses terlebih dahulu.</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 seconds.</source>
        <translation>Tidak ada jawaban dari %1 dalam %2 detik.</translation>
    </message>
    <message>
        <source>%1 cannot be reached: %2</source>
        <translation>%1 tidak bisa dihubungi: %2</translation>
    </message>
    <message>
        <source>The access token was refused (expired or wrong): %1</source>
        <translation>Token akses ditolak (kedaluwarsa atau salah): %1</translation>
    </message>
    <message>
        <source>The Cloud API answered %1: %2</source>
        <translation>Cloud API menjawab %1: %2</translation>
    </message>
    <message>
        <source>%1 (%2), %3</source>
        <translation>%1 (%2), %3</translation>
    </message>
    <message>
        <source>Enter the WAHA address, e.g. http://localhost:3000.</source>
        <translation>Isi alamat WAHA, mis. http://localhost:3000.</translation>
    </message>
    <message>
        <source>WAHA at %1 cannot be reached: %2</source>
        <translation>WAHA di %1 tidak bisa dihubungi: %2</translation>
    </message>
    <message>
        <source>WAHA refused the API key.</source>
        <translation>WAHA menolak API key.</translation>
    </message>
    <message>
        <source>WAHA has no session &quot;%1&quot;.</source>
        <translation>WAHA tidak punya sesi &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>WAHA answered %1.</source>
        <translation>WAHA menjawab %1.</translation>
    </message>
    <message>
        <source>session %1: %2, %3</source>
        <translation>sesi %1: %2, %3</translation>
    </message>
    <message>
        <source>The bot has no reply &quot;%1&quot;.</source>
        <translation>Bot tidak punya balasan &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::AssignNotificationDialog</name>
    <message>
        <source>Assign to an order or deposit</source>
        <translation>Cocokkan ke pesanan atau deposit</translation>
    </message>
    <message>
        <source>Credit to a customer&apos;s saldo</source>
        <translation>Masukkan ke saldo pelanggan</translation>
    </message>
    <message>
        <source>no amount</source>
        <translation>tanpa nominal</translation>
    </message>
    <message>
        <source>%1 received through %2 at %3.</source>
        <translation>%1 diterima lewat %2 pada %3.</translation>
    </message>
    <message>
        <source>e.g. KD2411210001, or pick one below</source>
        <translation>mis. KD2411210001, atau pilih dari daftar di bawah</translation>
    </message>
    <message>
        <source>&amp;Ref:</source>
        <translation>&amp;Ref:</translation>
    </message>
    <message>
        <source>phone number or name</source>
        <translation>nomor telepon atau nama</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Cari:</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Pelanggan:</translation>
    </message>
    <message>
        <source>e.g. customer sent the receipt on WhatsApp</source>
        <translation>mis. pelanggan mengirim bukti bayar lewat WhatsApp</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>Ca&amp;tatan:</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Cocokkan</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Masukkan ke saldo</translation>
    </message>
    <message>
        <source>Could not load the QRIS payments: %1</source>
        <translation>Gagal memuat pembayaran QRIS: %1</translation>
    </message>
    <message>
        <source>Could not search the customers: %1</source>
        <translation>Gagal mencari pelanggan: %1</translation>
    </message>
    <message>
        <source>This notification has no amount: it cannot be assigned.</source>
        <translation>Notifikasi ini tidak memuat nominal: tidak bisa dicocokkan.</translation>
    </message>
    <message>
        <source>Enter the ref of the order or deposit, or pick one from the list.</source>
        <translation>Isi ref pesanan atau deposit, atau pilih dari daftar.</translation>
    </message>
    <message>
        <source>Search for the customer and pick them from the list.</source>
        <translation>Cari pelanggan lalu pilih dari daftar.</translation>
    </message>
    <message>
        <source>A note is required: say why this money belongs there.</source>
        <translation>Catatan wajib diisi: jelaskan mengapa uang ini masuk ke sana.</translation>
    </message>
    <message>
        <source>%1 assigned to %2.</source>
        <translation>%1 dicocokkan ke %2.</translation>
    </message>
    <message>
        <source>%1 credited to the saldo of %2.</source>
        <translation>%1 masuk ke saldo %2.</translation>
    </message>
    <message>
        <source>none chosen yet</source>
        <translation>belum dipilih</translation>
    </message>
</context>
<context>
    <name>kedai::gui::AuditPanel</name>
    <message>
        <source>Orders</source>
        <translation>Pesanan</translation>
    </message>
    <message>
        <source>Saldo</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stok</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produk</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <source>QRIS</source>
        <translation>QRIS</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Accounts and sign-ins</source>
        <translation>Akun dan login</translation>
    </message>
    <message>
        <source>Could not load the audit log: %1</source>
        <translation>Gagal memuat log audit: %1</translation>
    </message>
    <message>
        <source>Search order, product, customer, value…</source>
        <translation>Cari pesanan, produk, pelanggan, nilai…</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Dari</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Sampai</translation>
    </message>
    <message>
        <source>Who:</source>
        <translation>Siapa:</translation>
    </message>
    <message>
        <source>What:</source>
        <translation>Apa:</translation>
    </message>
    <message>
        <source>Choose a row to see everything that was recorded.</source>
        <translation>Pilih satu baris untuk melihat semua yang tercatat.</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Semua orang</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Semua aksi</translation>
    </message>
    <message>
        <source>The audit log is for managers and the shop owner. Sign in with such an account to see it.</source>
        <translation>Log audit hanya untuk manajer dan pemilik toko. Masuk dengan akun tersebut untuk melihatnya.</translation>
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
Siapa: %4
Objek: %5

Sebelum:
%6

Sesudah:
%7</translation>
    </message>
</context>
<context>
    <name>kedai::gui::AuditTableModel</name>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Siapa</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Apa</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Objek</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>Sebelum → sesudah</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ChangePasswordDialog</name>
    <message>
        <source>Saving the password…</source>
        <translation>Menyimpan kata sandi…</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>Ubah kata sandi saya</translation>
    </message>
    <message>
        <source>Set the password of %1</source>
        <translation>Atur kata sandi %1</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Kata sandi saat ini:</translation>
    </message>
    <message>
        <source>Give %1 the new password in person; they can change it afterwards.</source>
        <translation>Berikan kata sandi baru kepada %1 secara langsung; setelah itu ia bisa menggantinya.</translation>
    </message>
    <message>
        <source>&amp;Save password</source>
        <translation>&amp;Simpan kata sandi</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Kata sandi saat ini salah.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ChannelSettingsPage</name>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>WhatsApp Cloud API</source>
        <translation>WhatsApp Cloud API</translation>
    </message>
    <message>
        <source>Phone number id:</source>
        <translation>ID nomor telepon:</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Token akses:</translation>
    </message>
    <message>
        <source>App secret:</source>
        <translation>Kunci rahasia aplikasi:</translation>
    </message>
    <message>
        <source>Verify token:</source>
        <translation>Token verifikasi:</translation>
    </message>
    <message>
        <source>API address:</source>
        <translation>Alamat API:</translation>
    </message>
    <message>
        <source>WAHA gateway</source>
        <translation>Gateway WAHA</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Alamat:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API key:</translation>
    </message>
    <message>
        <source>Session:</source>
        <translation>Sesi:</translation>
    </message>
    <message>
        <source>Webhook HMAC key:</source>
        <translation>Kunci HMAC webhook:</translation>
    </message>
    <message>
        <source>Not available yet</source>
        <translation>Belum tersedia</translation>
    </message>
    <message>
        <source>Midtrans payments, Atlantic PPOB and the Gemini assistant are not built into this version of Kedai yet. Their settings will appear here when they are.</source>
        <translation>Pembayaran Midtrans, PPOB Atlantic, dan asisten Gemini belum ada di versi Kedai ini. Pengaturannya akan muncul di sini setelah tersedia.</translation>
    </message>
    <message>
        <source>Saved (tokens and keys encrypted). Restart Kedai to use them.</source>
        <translation>Tersimpan (token dan kunci dienkripsi). Mulai ulang Kedai untuk memakainya.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ChatPanel</name>
    <message>
        <source>Write to the bot as a customer. Messages go through the simulator channel, exactly like WhatsApp messages, so purchases here are real orders.</source>
        <translation>Tulis ke bot sebagai pelanggan. Pesan lewat kanal simulator, persis seperti pesan WhatsApp, jadi pembelian di sini adalah pesanan sungguhan.</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>&amp;Nomor:</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>N&amp;ama:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opsional</translation>
    </message>
    <message>
        <source>Type a message, e.g. menu or buy NF1 1</source>
        <translation>Ketik pesan, mis. menu atau buy NF1 1</translation>
    </message>
    <message>
        <source>S&amp;end</source>
        <translation>&amp;Kirim</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s number, e.g. 628111000001.</source>
        <translation>Isi nomor pelanggan, mis. 628111000001.</translation>
    </message>
    <message>
        <source>The message was not sent: %1</source>
        <translation>Pesan tidak terkirim: %1</translation>
    </message>
    <message>
        <source>Bot, %1</source>
        <translation>Bot, %1</translation>
    </message>
    <message>
        <source>Customer, %1</source>
        <translation>Pelanggan, %1</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ConfirmQrisDialog</name>
    <message>
        <source>Confirm QRIS payment</source>
        <translation>Konfirmasi pembayaran QRIS</translation>
    </message>
    <message>
        <source>Confirm only when the money is really in the shop&apos;s account. An order is delivered at once; a payment that already expired goes to the customer&apos;s saldo.</source>
        <translation>Konfirmasi hanya jika uangnya benar-benar sudah masuk ke rekening toko. Pesanan langsung dikirim; pembayaran yang sudah kedaluwarsa masuk ke saldo pelanggan.</translation>
    </message>
    <message>
        <source>Ref:</source>
        <translation>Ref:</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Pelanggan:</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>Untuk:</translation>
    </message>
    <message>
        <source>To pay:</source>
        <translation>Total bayar:</translation>
    </message>
    <message>
        <source>e.g. customer showed the receipt, seen in the bank app</source>
        <translation>mis. pelanggan menunjukkan bukti bayar, terlihat di aplikasi bank</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Catatan:</translation>
    </message>
    <message>
        <source>Confirm paid</source>
        <translation>Konfirmasi lunas</translation>
    </message>
    <message>
        <source>A note is required: say how you know the money arrived.</source>
        <translation>Catatan wajib diisi: jelaskan bagaimana Anda tahu uangnya sudah masuk.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ConnectionSettingsPage</name>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>empty: no Redis (one Kedai on this PC)</source>
        <translation>kosong: tanpa Redis (satu Kedai di PC ini)</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Address (DATABASE_URL):</source>
        <translation>Alamat (DATABASE_URL):</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Kata sandi:</translation>
    </message>
    <message>
        <source>sqlite:///path/kedai.db (one PC) or postgresql://user@host:5432/database.</source>
        <translation>sqlite:///path/kedai.db (satu PC) atau postgresql://user@host:5432/database.</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Address (REDIS_URL):</source>
        <translation>Alamat (REDIS_URL):</translation>
    </message>
    <message>
        <source>Saved (passwords encrypted). Restart Kedai to use the new connection.</source>
        <translation>Tersimpan (kata sandi dienkripsi). Mulai ulang Kedai untuk memakai koneksi baru.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ConnectionTestRow</name>
    <message>
        <source>Test connection</source>
        <translation>Uji koneksi</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Menguji…</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>Terhubung: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Gagal: %1</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ConversationListModel</name>
    <message>
        <source>Customer %1</source>
        <translation>Pelanggan %1</translation>
    </message>
    <message>
        <source>bot paused</source>
        <translation>bot dijeda</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>Anda: %1</translation>
    </message>
    <message>
        <source>Channels: %1</source>
        <translation>Kanal: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting for an answer</source>
        <translation>
            <numerusform>%n pesan menunggu jawaban</numerusform>
        </translation>
    </message>
    <message>
        <source>The bot is paused until %1</source>
        <translation>Bot dijeda sampai %1</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ConversationMessageModel</name>
    <message>
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <source>Staff %1</source>
        <translation>Staf %1</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Gagal: %1</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Dibaca</translation>
    </message>
    <message>
        <source>Played</source>
        <translation>Diputar</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Terkirim ke HP</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sedang dikirim</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Menunggu dikirim</translation>
    </message>
    <message>
        <source>(%1 message)</source>
        <translation>(pesan %1)</translation>
    </message>
    <message>
        <source>%1 on %2 (%3)</source>
        <translation>%1 di %2 (%3)</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ConversationsPanel</name>
    <message>
        <source>Search name, number or chat id…</source>
        <translation>Cari nama, nomor, atau id chat…</translation>
    </message>
    <message>
        <source>&amp;Resume bot</source>
        <translation>&amp;Lanjutkan bot</translation>
    </message>
    <message>
        <source>Let the bot answer this customer again now.</source>
        <translation>Biarkan bot menjawab pelanggan ini lagi sekarang.</translation>
    </message>
    <message>
        <source>Reply to the customer (Ctrl+Enter sends)</source>
        <translation>Balas pelanggan (Ctrl+Enter untuk kirim)</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Kirim</translation>
    </message>
    <message>
        <source>Could not load the conversations: %1</source>
        <translation>Percakapan tidak dapat dimuat: %1</translation>
    </message>
    <message>
        <source>Could not load the conversation: %1</source>
        <translation>Percakapan ini tidak dapat dimuat: %1</translation>
    </message>
    <message>
        <source>Select a conversation.</source>
        <translation>Pilih percakapan.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Bot paused until %1</source>
        <translation>Bot dijeda sampai %1</translation>
    </message>
    <message numerus="yes">
        <source>The bot pauses for %n minute(s) for this customer after your reply.</source>
        <translation>
            <numerusform>Bot berhenti menjawab pelanggan ini selama %n menit setelah balasan Anda.</numerusform>
        </translation>
    </message>
    <message>
        <source>The bot keeps answering this customer after your reply.</source>
        <translation>Bot tetap menjawab pelanggan ini setelah balasan Anda.</translation>
    </message>
    <message>
        <source>The reply is too long: at most %1 characters.</source>
        <translation>Balasan terlalu panjang: paling banyak %1 karakter.</translation>
    </message>
    <message>
        <source>This customer has no chat to reply to.</source>
        <translation>Pelanggan ini tidak punya chat yang bisa dibalas.</translation>
    </message>
    <message>
        <source>This customer was merged into another one; open that customer&apos;s conversation.</source>
        <translation>Pelanggan ini sudah digabungkan ke pelanggan lain; buka percakapan pelanggan tersebut.</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>Pelanggan ini sudah tidak ada.</translation>
    </message>
    <message>
        <source>The reply was not sent: %1</source>
        <translation>Balasan tidak terkirim: %1</translation>
    </message>
    <message>
        <source>Reply queued; the bot is paused until %1.</source>
        <translation>Balasan masuk antrean; bot dijeda sampai %1.</translation>
    </message>
    <message>
        <source>Reply queued.</source>
        <translation>Balasan masuk antrean.</translation>
    </message>
    <message>
        <source>Could not resume the bot: %1</source>
        <translation>Bot tidak dapat dilanjutkan: %1</translation>
    </message>
    <message>
        <source>The bot answers this customer again.</source>
        <translation>Bot kembali menjawab pelanggan ini.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::CredentialsForm</name>
    <message>
        <source>Checking the password…</source>
        <translation>Memeriksa kata sandi…</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Nama pengguna:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Kata sandi:</translation>
    </message>
</context>
<context>
    <name>kedai::gui::CustomerTableModel</name>
    <message>
        <source>Phone</source>
        <translation>Nomor HP</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Saldo</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Diblokir</translation>
    </message>
</context>
<context>
    <name>kedai::gui::CustomersPanel</name>
    <message>
        <source>Top up / deduct &amp;saldo…</source>
        <translation>Tambah / kurangi &amp;saldo…</translation>
    </message>
    <message>
        <source>Set &amp;tier</source>
        <translation>Atur &amp;level</translation>
    </message>
    <message>
        <source>Saldo history</source>
        <translation>Riwayat saldo</translation>
    </message>
    <message>
        <source>Select a customer to see the saldo history.</source>
        <translation>Pilih pelanggan untuk melihat riwayat saldonya.</translation>
    </message>
    <message>
        <source>Could not load the customers: %1</source>
        <translation>Gagal memuat pelanggan: %1</translation>
    </message>
    <message>
        <source>Could not load the saldo history: %1</source>
        <translation>Gagal memuat riwayat saldo: %1</translation>
    </message>
    <message>
        <source>Saldo of %1 is now %2.</source>
        <translation>Saldo %1 sekarang %2.</translation>
    </message>
    <message>
        <source>Set tier</source>
        <translation>Atur level</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 sekarang %2.</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Gabungkan…</translation>
    </message>
    <message>
        <source>Merge this customer with another one who is the same person.</source>
        <translation>Gabungkan pelanggan ini dengan pelanggan lain yang orangnya sama.</translation>
    </message>
    <message>
        <source>Customers merged: %1 now has saldo %2.</source>
        <translation>Pelanggan digabungkan: saldo %1 sekarang %2.</translation>
    </message>
    <message>
        <source>Search phone or name (the whole customer list)…</source>
        <translation>Cari nomor telepon atau nama (semua pelanggan)…</translation>
    </message>
    <message>
        <source>&amp;Block…</source>
        <translation>&amp;Blokir…</translation>
    </message>
    <message>
        <source>%1: saldo %2%3</source>
        <translation>%1: saldo %2%3</translation>
    </message>
    <message>
        <source> (blocked)</source>
        <translation> (diblokir)</translation>
    </message>
    <message>
        <source>Only a manager or the shop owner can change saldo.</source>
        <translation>Hanya manajer atau pemilik toko yang bisa mengubah saldo.</translation>
    </message>
    <message>
        <source>Un&amp;block…</source>
        <translation>Buka &amp;blokir…</translation>
    </message>
    <message>
        <source>Only a manager or the shop owner can do this.</source>
        <translation>Hanya manajer atau pemilik toko yang bisa melakukan ini.</translation>
    </message>
    <message>
        <source>Block customer</source>
        <translation>Blokir pelanggan</translation>
    </message>
    <message>
        <source>Unblock customer</source>
        <translation>Buka blokir pelanggan</translation>
    </message>
    <message>
        <source>Block %1? They can no longer buy. The bot answers their next message once, politely, and then stays silent; their messages still appear in Conversations.</source>
        <translation>Blokir %1? Pelanggan ini tidak bisa membeli lagi. Bot menjawab pesan berikutnya sekali dengan sopan, lalu diam; pesannya tetap muncul di Percakapan.</translation>
    </message>
    <message>
        <source>Unblock %1? They can buy again and the bot answers them as usual.</source>
        <translation>Buka blokir %1? Pelanggan ini bisa membeli lagi dan bot menjawabnya seperti biasa.</translation>
    </message>
    <message>
        <source>%1 is blocked.</source>
        <translation>%1 diblokir.</translation>
    </message>
    <message>
        <source>%1 is unblocked.</source>
        <translation>Blokir %1 sudah dibuka.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::DashboardPanel</name>
    <message>
        <source>Revenue today</source>
        <translation>Pendapatan hari ini</translation>
    </message>
    <message>
        <source>Orders today</source>
        <translation>Pesanan hari ini</translation>
    </message>
    <message>
        <source>Items sold today</source>
        <translation>Item terjual hari ini</translation>
    </message>
    <message>
        <source>Waiting QRIS payments</source>
        <translation>Menunggu pembayaran QRIS</translation>
    </message>
    <message>
        <source>Best sellers (30 days)</source>
        <translation>Terlaris (30 hari)</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>Stok menipis</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Status sistem</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Tidak diketahui</translation>
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
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Webhook endpoint</source>
        <translation>Endpoint webhook</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Pendapatan</translation>
    </message>
    <message>
        <source>Revenue per day, last 30 days</source>
        <translation>Pendapatan per hari, 30 hari terakhir</translation>
    </message>
    <message>
        <source>Rupiah</source>
        <translation>Rupiah</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Pesanan</translation>
    </message>
    <message>
        <source>Orders per hour, today</source>
        <translation>Pesanan per jam, hari ini</translation>
    </message>
    <message>
        <source>Could not load the dashboard: %1</source>
        <translation>Gagal memuat dasbor: %1</translation>
    </message>
    <message>
        <source>Paid and delivered orders, refunds excluded</source>
        <translation>Pesanan lunas dan terkirim, tanpa refund</translation>
    </message>
    <message>
        <source>Stock items delivered or paid for</source>
        <translation>Item stok yang sudah dikirim atau dibayar</translation>
    </message>
    <message>
        <source>Nothing waiting</source>
        <translation>Tidak ada yang menunggu</translation>
    </message>
    <message>
        <source>%1 to be paid</source>
        <translation>%1 belum dibayar</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Diperbarui %1</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) running low</source>
        <translation>
            <numerusform>%n produk stoknya menipis</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n sold out)</source>
        <translation>
            <numerusform>(%n habis)</numerusform>
        </translation>
    </message>
    <message>
        <source>Add stock in the Inventory tab before customers find the products sold out.</source>
        <translation>Tambah stok di tab Inventaris sebelum pelanggan mendapati produknya habis.</translation>
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
        <translation>Gangguan: %1 tidak menjawab, penjualan tertahan</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Down: using the in-process fallback</source>
        <translation>Gangguan: memakai cadangan internal</translation>
    </message>
    <message>
        <source>Not used (in-process)</source>
        <translation>Tidak dipakai (internal)</translation>
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
        <translation>token akses kedaluwarsa</translation>
    </message>
    <message>
        <source>API key refused</source>
        <translation>API key ditolak</translation>
    </message>
    <message>
        <source>not answering</source>
        <translation>tidak menjawab</translation>
    </message>
    <message>
        <source>not set up completely</source>
        <translation>pengaturan belum lengkap</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Listening at %1</source>
        <translation>Aktif di %1</translation>
    </message>
    <message>
        <source>Not running: webhooks and payment notifications cannot arrive</source>
        <translation>Tidak berjalan: webhook dan notifikasi pembayaran tidak bisa masuk</translation>
    </message>
</context>
<context>
    <name>kedai::gui::FirstRunDialog</name>
    <message>
        <source>Welcome to Kedai</source>
        <translation>Selamat datang di Kedai</translation>
    </message>
    <message>
        <source>Create the owner account. The owner may do everything, including adding accounts for staff and managers. Kedai asks for this password when it starts and when the window was left alone.</source>
        <translation>Buat akun pemilik. Pemilik boleh melakukan apa saja, termasuk menambah akun untuk staf dan manajer. Kedai meminta kata sandi ini saat dibuka dan saat jendela lama tidak dipakai.</translation>
    </message>
    <message>
        <source>3 to 32 small letters, digits, dots, dashes or underscores.</source>
        <translation>3 sampai 32 huruf kecil, angka, titik, tanda hubung, atau garis bawah.</translation>
    </message>
    <message>
        <source>e.g. Ibu Sari</source>
        <translation>mis. Ibu Sari</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Nama pengguna:</translation>
    </message>
    <message>
        <source>&amp;Name shown:</source>
        <translation>Nama &amp;tampilan:</translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation>&amp;Buat akun</translation>
    </message>
    <message>
        <source>Type the same password of at least 8 characters in both fields.</source>
        <translation>Ketik kata sandi yang sama, minimal 8 karakter, di kedua kolom.</translation>
    </message>
    <message>
        <source>Creating the owner account…</source>
        <translation>Membuat akun pemilik…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Sedang masuk…</translation>
    </message>
</context>
<context>
    <name>kedai::gui::InventoryPanel</name>
    <message>
        <source>Search code, name or category…</source>
        <translation>Cari kode, nama, atau kategori…</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Tambah…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Ubah…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>Nonakti&amp;fkan</translation>
    </message>
    <message>
        <source>Stock items</source>
        <translation>Item stok</translation>
    </message>
    <message>
        <source>Select a product to see its stock items.</source>
        <translation>Pilih produk untuk melihat item stoknya.</translation>
    </message>
    <message>
        <source>&amp;Void item</source>
        <translation>Batal&amp;kan item</translation>
    </message>
    <message>
        <source>Could not load the products: %1</source>
        <translation>Gagal memuat produk: %1</translation>
    </message>
    <message>
        <source>Could not load the stock items: %1</source>
        <translation>Gagal memuat item stok: %1</translation>
    </message>
    <message>
        <source>Product %1 added.</source>
        <translation>Produk %1 ditambahkan.</translation>
    </message>
    <message>
        <source>Product %1 saved.</source>
        <translation>Produk %1 disimpan.</translation>
    </message>
    <message>
        <source>Deactivate product</source>
        <translation>Nonaktifkan produk</translation>
    </message>
    <message>
        <source>Deactivate %1 (%2)? Customers can no longer buy it; its orders and stock items are kept.</source>
        <translation>Nonaktifkan %1 (%2)? Pelanggan tidak bisa membelinya lagi; pesanan dan item stoknya tetap disimpan.</translation>
    </message>
    <message>
        <source>Product %1 deactivated.</source>
        <translation>Produk %1 dinonaktifkan.</translation>
    </message>
    <message>
        <source>Void stock item</source>
        <translation>Batalkan item stok</translation>
    </message>
    <message>
        <source>Void stock item #%1? It will never be sold; this cannot be undone.</source>
        <translation>Batalkan item stok #%1? Item ini tidak akan pernah dijual; tindakan ini tidak bisa diurungkan.</translation>
    </message>
    <message>
        <source>Stock item #%1 voided.</source>
        <translation>Item stok #%1 dibatalkan.</translation>
    </message>
    <message>
        <source>Show one category</source>
        <translation>Tampilkan satu kategori</translation>
    </message>
    <message>
        <source>Show one kind of product</source>
        <translation>Tampilkan satu jenis produk</translation>
    </message>
    <message>
        <source>Active or inactive products</source>
        <translation>Produk aktif atau nonaktif</translation>
    </message>
    <message>
        <source>&amp;Low stock only</source>
        <translation>Hanya stok &amp;menipis</translation>
    </message>
    <message>
        <source>Show items in one status</source>
        <translation>Tampilkan item dengan satu status</translation>
    </message>
    <message>
        <source>S&amp;how contents</source>
        <translation>&amp;Tampilkan isi</translation>
    </message>
    <message>
        <source>Show available items in full. Sold items always stay masked.</source>
        <translation>Tampilkan isi item yang tersedia secara utuh. Item yang terjual selalu tetap disamarkan.</translation>
    </message>
    <message>
        <source>Add &amp;stock…</source>
        <translation>Tambah &amp;stok…</translation>
    </message>
    <message>
        <source>Paste items or import a .txt/.csv file</source>
        <translation>Tempel item atau impor file .txt/.csv</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Semua kategori</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Semua jenis</translation>
    </message>
    <message>
        <source>Active and inactive</source>
        <translation>Aktif dan nonaktif</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Nonaktif</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>Semua item</translation>
    </message>
    <message>
        <source>Could not count the stock items: %1</source>
        <translation>Gagal menghitung item stok: %1</translation>
    </message>
    <message>
        <source>%1 available, %2 reserved, %3 sold, %4 void</source>
        <translation>%1 tersedia, %2 ditahan, %3 terjual, %4 batal</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>menghitung…</translation>
    </message>
    <message>
        <source>Only a manager or the shop owner can change products.</source>
        <translation>Hanya manajer atau pemilik toko yang bisa mengubah produk.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::Labels</name>
    <message>
        <source>Pending</source>
        <translation>Menunggu</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Dibayar</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Kedaluwarsa</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Dikembalikan</translation>
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
        <translation>Satuan</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Tersedia</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Dicadangkan</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Terjual</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Dibatalkan</translation>
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
        <translation>Isi saldo</translation>
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
        <translation>Pembelian</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Pengembalian dana</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Penyesuaian</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Tidak</translation>
    </message>
    <message>
        <source>Waiting for payment</source>
        <translation>Menunggu pembayaran</translation>
    </message>
    <message>
        <source>Credited to saldo</source>
        <translation>Masuk ke saldo</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Cocok</translation>
    </message>
    <message>
        <source>Unmatched</source>
        <translation>Tidak cocok</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Ditetapkan staf</translation>
    </message>
    <message>
        <source>Unparsed</source>
        <translation>Tidak terbaca</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Diabaikan</translation>
    </message>
    <message>
        <source>The operation did not finish (Kedai may be stopping). Please try again.</source>
        <translation>Operasi tidak selesai (Kedai mungkin sedang berhenti). Silakan coba lagi.</translation>
    </message>
    <message>
        <source>The QRIS text is empty.</source>
        <translation>Teks QRIS kosong.</translation>
    </message>
    <message>
        <source>The QRIS text is damaged: some characters are missing or changed (its check digits do not match).</source>
        <translation>Teks QRIS rusak: ada karakter yang hilang atau berubah (angka pemeriksanya tidak cocok).</translation>
    </message>
    <message>
        <source>This is not a valid QRIS text: it is incomplete or not a QRIS code.</source>
        <translation>Ini bukan teks QRIS yang sah: teksnya tidak lengkap atau bukan kode QRIS.</translation>
    </message>
    <message>
        <source>The QRIS text contains characters that never occur in a QRIS (such as accented letters, emoji or line breaks).</source>
        <translation>Teks QRIS berisi karakter yang tidak pernah ada di QRIS (misalnya huruf beraksen, emoji, atau baris baru).</translation>
    </message>
    <message>
        <source>The QRIS text is cut off: its end is missing.</source>
        <translation>Teks QRIS terpotong: bagian akhirnya hilang.</translation>
    </message>
    <message>
        <source>The QRIS text lacks parts every QRIS has (such as the country or the check digits).</source>
        <translation>Teks QRIS tidak memuat bagian yang ada di setiap QRIS (misalnya negara atau angka pemeriksa).</translation>
    </message>
    <message>
        <source>This is a one-time QRIS for a single payment, not the shop&apos;s static QRIS.</source>
        <translation>Ini QRIS sekali pakai untuk satu pembayaran, bukan QRIS statis toko.</translation>
    </message>
    <message>
        <source>This QRIS already carries a fixed amount, so it is not the shop&apos;s static QRIS.</source>
        <translation>QRIS ini sudah berisi nominal tetap, jadi bukan QRIS statis toko.</translation>
    </message>
    <message>
        <source>This is not an Indonesian QRIS.</source>
        <translation>Ini bukan QRIS Indonesia.</translation>
    </message>
    <message>
        <source>Kedai cannot make payment codes from this QRIS. Use the static QRIS of another bank or wallet, and tell the Kedai developers about this one.</source>
        <translation>Kedai tidak bisa membuat kode pembayaran dari QRIS ini. Gunakan QRIS statis dari bank atau dompet digital lain, dan laporkan QRIS ini ke pengembang Kedai.</translation>
    </message>
    <message>
        <source>The listener key must be 16 to 200 characters long: letters, digits and symbols, without spaces. Leave the field empty to let Kedai make one.</source>
        <translation>Kunci listener harus 16 sampai 200 karakter: huruf, angka, dan simbol, tanpa spasi. Kosongkan kolomnya agar Kedai membuatkan kunci.</translation>
    </message>
    <message>
        <source>Write the deposit bonus as bonus/step in whole rupiah, e.g. 2000/50000 for Rp 2.000 on every full Rp 50.000 (the bonus must be smaller than the step), or leave it empty for no bonus.</source>
        <translation>Tulis bonus deposit sebagai bonus/kelipatan dalam rupiah bulat, misalnya 2000/50000 untuk Rp 2.000 setiap kelipatan penuh Rp 50.000 (bonus harus lebih kecil dari kelipatannya), atau kosongkan jika tanpa bonus.</translation>
    </message>
    <message>
        <source>A chosen payment app is not known to this version of Kedai. Tick the apps again and save.</source>
        <translation>Ada aplikasi pembayaran terpilih yang tidak dikenal versi Kedai ini. Centang ulang aplikasinya lalu simpan.</translation>
    </message>
    <message>
        <source>Write a note saying why (for example &quot;seen in the bank app&quot;): it is kept with the payment.</source>
        <translation>Tulis catatan alasannya (misalnya &quot;terlihat di aplikasi bank&quot;): catatan disimpan bersama pembayaran.</translation>
    </message>
    <message>
        <source>There is no QRIS payment with this reference. Check the reference, or pick the payment from the list.</source>
        <translation>Tidak ada pembayaran QRIS dengan referensi ini. Periksa referensinya, atau pilih pembayaran dari daftar.</translation>
    </message>
    <message>
        <source>This notification no longer exists. Reload the list and choose again.</source>
        <translation>Notifikasi ini sudah tidak ada. Muat ulang daftar lalu pilih lagi.</translation>
    </message>
    <message>
        <source>This money is no longer waiting: it was matched or assigned meanwhile. Reload the list to see where it went.</source>
        <translation>Uang ini sudah tidak menunggu: sementara itu sudah dicocokkan atau ditetapkan. Muat ulang daftar untuk melihat ke mana uangnya masuk.</translation>
    </message>
    <message>
        <source>No amount could be read from this notification, so it cannot be assigned. Check the amount in the bank app and adjust the customer&apos;s saldo by hand if needed.</source>
        <translation>Nominal tidak terbaca dari notifikasi ini, jadi tidak bisa dicocokkan. Periksa nominalnya di aplikasi bank dan sesuaikan saldo pelanggan secara manual bila perlu.</translation>
    </message>
    <message>
        <source>This customer no longer exists. Search again and choose another customer.</source>
        <translation>Pelanggan ini sudah tidak ada. Cari lagi dan pilih pelanggan lain.</translation>
    </message>
    <message>
        <source>The database cannot be reached right now. Check that the database is running, then try again.</source>
        <translation>Database tidak bisa dihubungi saat ini. Pastikan database berjalan, lalu coba lagi.</translation>
    </message>
    <message>
        <source>The database is busy right now. Please try again in a moment.</source>
        <translation>Database sedang sibuk. Silakan coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <source>The highest unique code must be a whole number from 1 to %1.</source>
        <translation>Kode unik tertinggi harus bilangan bulat dari 1 sampai %1.</translation>
    </message>
    <message>
        <source>This payment is no longer waiting for money. Reload the list to see its state.</source>
        <translation>Pembayaran ini sudah tidak menunggu uang. Muat ulang daftar untuk melihat statusnya.</translation>
    </message>
    <message>
        <source>Payment %1 is no longer waiting for money (now: %2). Reload the list to see its state.</source>
        <translation>Pembayaran %1 sudah tidak menunggu uang (sekarang: %2). Muat ulang daftar untuk melihat statusnya.</translation>
    </message>
    <message>
        <source>Copy the text again from the shop&apos;s static QRIS: scan the printed code with a QR reader app and copy the whole text (it starts with 000201).</source>
        <translation>Salin ulang teks dari QRIS statis toko: pindai kode yang dicetak dengan aplikasi pembaca QR lalu salin seluruh teksnya (diawali 000201).</translation>
    </message>
    <message>
        <source>Wrong username or password. Check Caps Lock and try again; after 5 wrong tries the account waits 5 minutes.</source>
        <translation>Nama pengguna atau kata sandi salah. Periksa Caps Lock lalu coba lagi; setelah 5 kali salah, akun harus menunggu 5 menit.</translation>
    </message>
    <message>
        <source>This account is switched off. Ask the shop owner to switch it on again.</source>
        <translation>Akun ini dinonaktifkan. Minta pemilik toko untuk mengaktifkannya kembali.</translation>
    </message>
    <message>
        <source>Your account may not do this. Ask the shop owner or a manager.</source>
        <translation>Akun Anda tidak boleh melakukan ini. Tanyakan ke pemilik toko atau manajer.</translation>
    </message>
    <message>
        <source>The password could not be processed (the computer is short of memory). Close other programs and try again.</source>
        <translation>Kata sandi tidak dapat diproses (memori komputer tidak cukup). Tutup program lain lalu coba lagi.</translation>
    </message>
    <message>
        <source>A username has 3 to 32 characters: small letters, digits, dots, dashes or underscores, without spaces.</source>
        <translation>Nama pengguna terdiri dari 3 sampai 32 karakter: huruf kecil, angka, titik, tanda hubung, atau garis bawah, tanpa spasi.</translation>
    </message>
    <message>
        <source>This is the only owner account: it must stay an active owner. Make another account owner first.</source>
        <translation>Ini satu-satunya akun pemilik: akun ini harus tetap menjadi pemilik yang aktif. Jadikan akun lain sebagai pemilik terlebih dahulu.</translation>
    </message>
    <message>
        <source>This account no longer exists. Reload the list and choose again.</source>
        <translation>Akun ini sudah tidak ada. Muat ulang daftar lalu pilih lagi.</translation>
    </message>
    <message>
        <source>The owner account exists already. Sign in with it instead.</source>
        <translation>Akun pemilik sudah ada. Silakan masuk dengan akun tersebut.</translation>
    </message>
    <message>
        <source>The password is too short: use at least %1 characters.</source>
        <translation>Kata sandi terlalu pendek: gunakan minimal %1 karakter.</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked for a few minutes.</source>
        <translation>Terlalu banyak kata sandi salah: akun ini dikunci selama beberapa menit.</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked until %1. Try again then, or ask the shop owner to set a new password.</source>
        <translation>Terlalu banyak kata sandi salah: akun ini dikunci sampai %1. Coba lagi setelah itu, atau minta pemilik toko membuat kata sandi baru.</translation>
    </message>
    <message>
        <source>The username &quot;%1&quot; is taken. Choose another one.</source>
        <translation>Nama pengguna &quot;%1&quot; sudah dipakai. Pilih yang lain.</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Staf</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manajer</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Pemilik</translation>
    </message>
    <message>
        <source>Order bought with saldo</source>
        <translation>Pesanan dibayar dengan saldo</translation>
    </message>
    <message>
        <source>Order refunded</source>
        <translation>Dana pesanan dikembalikan</translation>
    </message>
    <message>
        <source>Delivered items shown</source>
        <translation>Item terkirim ditampilkan</translation>
    </message>
    <message>
        <source>Delivery sent again</source>
        <translation>Pesanan dikirim ulang</translation>
    </message>
    <message>
        <source>Saldo changed</source>
        <translation>Saldo diubah</translation>
    </message>
    <message>
        <source>Stock added</source>
        <translation>Stok ditambahkan</translation>
    </message>
    <message>
        <source>Stock item voided</source>
        <translation>Item stok dibatalkan</translation>
    </message>
    <message>
        <source>Unsold stock voided</source>
        <translation>Stok belum terjual dibatalkan</translation>
    </message>
    <message>
        <source>Product added</source>
        <translation>Produk ditambahkan</translation>
    </message>
    <message>
        <source>Product edited</source>
        <translation>Produk diubah</translation>
    </message>
    <message>
        <source>Price changed</source>
        <translation>Harga diubah</translation>
    </message>
    <message>
        <source>Description changed</source>
        <translation>Deskripsi diubah</translation>
    </message>
    <message>
        <source>Product removed</source>
        <translation>Produk dihapus</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Pelanggan baru</translation>
    </message>
    <message>
        <source>Customer tier changed</source>
        <translation>Level pelanggan diubah</translation>
    </message>
    <message>
        <source>Customer blocked or unblocked</source>
        <translation>Pelanggan diblokir atau dibuka blokirnya</translation>
    </message>
    <message>
        <source>Customers merged</source>
        <translation>Pelanggan digabung</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>Pengaturan diubah</translation>
    </message>
    <message>
        <source>Account created</source>
        <translation>Akun dibuat</translation>
    </message>
    <message>
        <source>Account changed</source>
        <translation>Akun diubah</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Kata sandi diubah</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Wrong password</source>
        <translation>Kata sandi salah</translation>
    </message>
    <message>
        <source>QRIS order created</source>
        <translation>Pesanan QRIS dibuat</translation>
    </message>
    <message>
        <source>QRIS deposit created</source>
        <translation>Deposit QRIS dibuat</translation>
    </message>
    <message>
        <source>QRIS payment received</source>
        <translation>Pembayaran QRIS diterima</translation>
    </message>
    <message>
        <source>Late QRIS payment credited to saldo</source>
        <translation>Pembayaran QRIS terlambat masuk ke saldo</translation>
    </message>
    <message>
        <source>QRIS payment expired</source>
        <translation>Pembayaran QRIS kedaluwarsa</translation>
    </message>
    <message>
        <source>QRIS payment cancelled</source>
        <translation>Pembayaran QRIS dibatalkan</translation>
    </message>
    <message>
        <source>Unmatched money assigned</source>
        <translation>Uang tak dikenal dicocokkan</translation>
    </message>
    <message>
        <source>Staff replied in a chat</source>
        <translation>Staf membalas di chat</translation>
    </message>
    <message>
        <source>Bot resumed in a chat</source>
        <translation>Bot aktif lagi di chat</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistem</translation>
    </message>
</context>
<context>
    <name>kedai::gui::LedgerTableModel</name>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <source>Saldo after</source>
        <translation>Saldo akhir</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
</context>
<context>
    <name>kedai::gui::LockDialog</name>
    <message>
        <source>Kedai is locked</source>
        <translation>Kedai terkunci</translation>
    </message>
    <message>
        <source>Kedai was locked because nobody used it for a while. %1, type your password to go on.</source>
        <translation>Kedai dikunci karena tidak dipakai selama beberapa waktu. %1, ketik kata sandi Anda untuk melanjutkan.</translation>
    </message>
    <message>
        <source>Sign in as &amp;another user</source>
        <translation>Masuk sebagai pengguna &amp;lain</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Buka kunci</translation>
    </message>
    <message>
        <source>Kedai is locked. Sign in with your own account: the window then works with your rights.</source>
        <translation>Kedai terkunci. Masuk dengan akun Anda sendiri: jendela lalu bekerja sesuai hak akses Anda.</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Masuk</translation>
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
        <translation>peringatan</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Sumber</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Pesan</translation>
    </message>
</context>
<context>
    <name>kedai::gui::LogsPanel</name>
    <message>
        <source>Pause</source>
        <translation>Jeda</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Ikuti</translation>
    </message>
    <message>
        <source>Debug and above</source>
        <translation>Debug ke atas</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info ke atas</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Peringatan dan error</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Hanya error</translation>
    </message>
    <message>
        <source>Search the log…</source>
        <translation>Cari di log…</translation>
    </message>
    <message>
        <source>Stop the view from moving; new lines are shown when you continue.</source>
        <translation>Hentikan tampilan agar tidak bergulir; baris baru ditampilkan saat Anda melanjutkan.</translation>
    </message>
    <message>
        <source>Keep the newest line in view.</source>
        <translation>Selalu tampilkan baris terbaru.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Salin</translation>
    </message>
    <message>
        <source>Copy the selected lines, or every shown line when none is selected.</source>
        <translation>Salin baris yang dipilih, atau semua baris yang tampil jika tidak ada yang dipilih.</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Level:</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n baris</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kedai::gui::LowStockModel</name>
    <message>
        <source>Sold out: customers cannot buy %1 until stock is added.</source>
        <translation>Habis: pelanggan tidak bisa membeli %1 sampai stok ditambahkan.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left; the alert starts at %1.</source>
        <translation>
            <numerusform>Sisa %n item; peringatan mulai pada %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Tersedia</translation>
    </message>
    <message>
        <source>Alert at</source>
        <translation>Batas peringatan</translation>
    </message>
</context>
<context>
    <name>kedai::gui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Ta&amp;mpilan</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ba&amp;ntuan</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Muat &amp;ulang</translation>
    </message>
    <message>
        <source>&amp;Language…</source>
        <translation>&amp;Bahasa…</translation>
    </message>
    <message>
        <source>&amp;About Kedai</source>
        <translation>&amp;Tentang Kedai</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Tentang &amp;Qt</translation>
    </message>
    <message>
        <source>Kedai — %1</source>
        <translation>Kedai — %1</translation>
    </message>
    <message>
        <source>&amp;Inventory</source>
        <translation>&amp;Inventaris</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>&amp;Pesanan</translation>
    </message>
    <message>
        <source>&amp;Customers</source>
        <translation>P&amp;elanggan</translation>
    </message>
    <message>
        <source>Endpoint: %1</source>
        <translation>Endpoint: %1</translation>
    </message>
    <message>
        <source>Health: OK</source>
        <translation>Kondisi: OK</translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>Kondisi: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Bahasa Inggris</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>Bahasa Indonesia</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>About Kedai</source>
        <translation>Tentang Kedai</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Kedai %1&lt;/h3&gt;&lt;p&gt;Shop management with a WhatsApp sales bot.&lt;/p&gt;&lt;p&gt;Data folder: &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;HTTP endpoint: &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Kedai %1&lt;/h3&gt;&lt;p&gt;Pengelolaan toko dengan bot penjualan WhatsApp.&lt;/p&gt;&lt;p&gt;Folder data: &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;Endpoint HTTP: &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Chat &amp;simulator</source>
        <translation>&amp;Simulator chat</translation>
    </message>
    <message>
        <source>Redis: OK</source>
        <translation>Redis: OK</translation>
    </message>
    <message>
        <source>Rate limits, locks and the cache are shared through Redis.</source>
        <translation>Batas laju, kunci, dan cache dibagi lewat Redis.</translation>
    </message>
    <message>
        <source>Redis: down (using the in-process fallback)</source>
        <translation>Redis: mati (memakai cadangan di dalam program)</translation>
    </message>
    <message>
        <source>Redis does not answer. Sales go on with in-process limits and cache; Kedai reconnects by itself. Check that the Redis server is running.</source>
        <translation>Redis tidak menjawab. Penjualan tetap berjalan dengan batas dan cache di dalam program; Kedai menyambung ulang sendiri. Periksa apakah server Redis berjalan.</translation>
    </message>
    <message>
        <source>Cache: in-process</source>
        <translation>Cache: di dalam program</translation>
    </message>
    <message>
        <source>No Redis is configured (REDIS_URL): limits and cache live in this program.</source>
        <translation>Redis tidak diatur (REDIS_URL): batas dan cache ada di dalam program ini.</translation>
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
            <numerusform>%n pembayaran tidak cocok dengan pesanan mana pun.</numerusform>
        </translation>
    </message>
    <message>
        <source>Co&amp;nversations</source>
        <translation>Perc&amp;akapan</translation>
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
        <translation>%1: access token kedaluwarsa. Balasan menunggu: perbarui WA_ACCESS_TOKEN lalu jalankan ulang Kedai.</translation>
    </message>
    <message>
        <source>%1 refuses the API key. Replies wait: check WAHA_API_KEY.</source>
        <translation>%1 menolak API key. Balasan menunggu: periksa WAHA_API_KEY.</translation>
    </message>
    <message>
        <source>%1 does not answer. Replies wait and are retried.</source>
        <translation>%1 tidak menjawab. Balasan menunggu dan dicoba lagi.</translation>
    </message>
    <message>
        <source>%1 is not set up completely.</source>
        <translation>Pengaturan %1 belum lengkap.</translation>
    </message>
    <message>
        <source>&amp;Lock the window</source>
        <translation>&amp;Kunci jendela</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>Ganti &amp;kata sandi saya…</translation>
    </message>
    <message>
        <source>&amp;Staff accounts…</source>
        <translation>Akun &amp;staf…</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Dasbor</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>&amp;Audit</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>&amp;Log</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>&amp;Pengaturan</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>Masuk sebagai: %1 (%2)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Current language: &lt;b&gt;%1&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;The shop owner chooses the language of the window and of the bot in &lt;b&gt;Settings&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Bahasa saat ini: &lt;b&gt;%1&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Pemilik toko memilih bahasa jendela dan bot di &lt;b&gt;Pengaturan&lt;/b&gt;.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>kedai::gui::MergeCustomersDialog</name>
    <message>
        <source>Merge customers</source>
        <translation>Gabungkan pelanggan</translation>
    </message>
    <message>
        <source>Merge two customers who are the same person (another number, or another chat app). The chats, orders, QRIS payments and saldo of the customer merged away move to the customer who stays.</source>
        <translation>Gabungkan dua pelanggan yang orangnya sama (nomor lain, atau aplikasi chat lain). Chat, pesanan, pembayaran QRIS, dan saldo pelanggan yang digabungkan pindah ke pelanggan yang tetap.</translation>
    </message>
    <message>
        <source>Search the other customer by name or number…</source>
        <translation>Cari pelanggan lainnya berdasarkan nama atau nomor…</translation>
    </message>
    <message>
        <source>Keep %1, merge the other one into it</source>
        <translation>Pertahankan %1, gabungkan yang lain ke dalamnya</translation>
    </message>
    <message>
        <source>Keep the other one, merge %1 into it</source>
        <translation>Pertahankan yang lain, gabungkan %1 ke dalamnya</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Yang akan terjadi</translation>
    </message>
    <message>
        <source>Merged away:</source>
        <translation>Digabungkan:</translation>
    </message>
    <message>
        <source>Stays:</source>
        <translation>Tetap:</translation>
    </message>
    <message>
        <source>Afterwards:</source>
        <translation>Hasilnya:</translation>
    </message>
    <message>
        <source>They are the same person. Merging cannot be undone.</source>
        <translation>Mereka orang yang sama. Penggabungan tidak dapat dibatalkan.</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Gabungkan</translation>
    </message>
    <message>
        <source>Could not load the customers: %1</source>
        <translation>Tidak dapat memuat pelanggan: %1</translation>
    </message>
    <message>
        <source>%1 — saldo %2</source>
        <translation>%1 — saldo %2</translation>
    </message>
    <message>
        <source>(could not load: %1)</source>
        <translation>(tidak dapat dimuat: %1)</translation>
    </message>
    <message>
        <source>%1, saldo %2, chats: %3</source>
        <translation>%1, saldo %2, chat: %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>memuat…</translation>
    </message>
    <message>
        <source>Choose the other customer above.</source>
        <translation>Pilih pelanggan lainnya di atas.</translation>
    </message>
    <message numerus="yes">
        <source>%1 with saldo %2 and %n chat(s); %3 disappears from the lists.</source>
        <translation>
            <numerusform>%1 dengan saldo %2 dan %n chat; %3 hilang dari daftar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Both customers have a QRIS payment waiting. Wait until one of them is paid, expires or is cancelled, then merge.</source>
        <translation>Kedua pelanggan punya pembayaran QRIS yang sedang menunggu. Tunggu sampai salah satunya dibayar, kedaluwarsa, atau dibatalkan, lalu gabungkan.</translation>
    </message>
    <message>
        <source>One of them was merged already. Reload the customers and try again.</source>
        <translation>Salah satunya sudah digabungkan. Muat ulang daftar pelanggan dan coba lagi.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::NotificationTableModel</name>
    <message>
        <source>Posted on the phone %1</source>
        <translation>Muncul di ponsel %1</translation>
    </message>
    <message>
        <source>By %1 at %2: %3</source>
        <translation>Oleh %1 pada %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>The phone sent the same notification %n more time(s).</source>
        <translation>
            <numerusform>Ponsel mengirim notifikasi yang sama %n kali lagi.</numerusform>
        </translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>App</source>
        <translation>Aplikasi</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Nominal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pembayaran</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Ulangan</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Teks</translation>
    </message>
</context>
<context>
    <name>kedai::gui::OrderDetailDialog</name>
    <message>
        <source>&amp;Reveal</source>
        <translation>&amp;Lihat isi</translation>
    </message>
    <message>
        <source>Re&amp;send delivery</source>
        <translation>Kirim &amp;ulang</translation>
    </message>
    <message>
        <source>Re&amp;fund…</source>
        <translation>&amp;Kembalikan dana…</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Pesanan %1</translation>
    </message>
    <message>
        <source>Delivered items</source>
        <translation>Item terkirim</translation>
    </message>
    <message>
        <source>No items</source>
        <translation>Tidak ada item</translation>
    </message>
    <message>
        <source>Show the delivered items. Who looked is written in the audit log.</source>
        <translation>Tampilkan item yang sudah dikirim. Siapa yang melihat dicatat di log audit.</translation>
    </message>
    <message>
        <source>Could not load the order: %1</source>
        <translation>Gagal memuat pesanan: %1</translation>
    </message>
    <message>
        <source>There is no order %1.</source>
        <translation>Pesanan %1 tidak ada.</translation>
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
        <translation>Dibuat:</translation>
    </message>
    <message>
        <source>Paid:</source>
        <translation>Dibayar:</translation>
    </message>
    <message>
        <source>Delivered:</source>
        <translation>Dikirim:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Pelanggan:</translation>
    </message>
    <message>
        <source>Customer&apos;s saldo now:</source>
        <translation>Saldo pelanggan saat ini:</translation>
    </message>
    <message>
        <source>Product:</source>
        <translation>Produk:</translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation>Jumlah:</translation>
    </message>
    <message>
        <source>Unit price:</source>
        <translation>Harga satuan:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Total:</translation>
    </message>
    <message>
        <source>Payment:</source>
        <translation>Pembayaran:</translation>
    </message>
    <message>
        <source>Kode unik:</source>
        <translation>Kode unik:</translation>
    </message>
    <message>
        <source>Amount paid:</source>
        <translation>Nominal dibayar:</translation>
    </message>
    <message>
        <source>%1  %2  %3  by %4  %5</source>
        <translation>%1  %2  %3  oleh %4  %5</translation>
    </message>
    <message>
        <source>Saldo movements:</source>
        <translation>Mutasi saldo:</translation>
    </message>
    <message>
        <source>Item %1: %2</source>
        <translation>Item %1: %2</translation>
    </message>
    <message>
        <source>Shown to you; this was written in the audit log.</source>
        <translation>Ditampilkan untuk Anda; ini sudah dicatat di log audit.</translation>
    </message>
    <message>
        <source>This customer has no WhatsApp or other channel to write to.</source>
        <translation>Pelanggan ini tidak punya WhatsApp atau kanal lain untuk dihubungi.</translation>
    </message>
    <message>
        <source>The delivery of %1 is on its way to %2 again.</source>
        <translation>Pesanan %1 sedang dikirim ulang ke %2.</translation>
    </message>
    <message>
        <source>%1 refunded: %2 added to the customer&apos;s saldo (now %3).</source>
        <translation>Dana %1 dikembalikan: %2 masuk ke saldo pelanggan (kini %3).</translation>
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
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Jml</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Metode</translation>
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
        <translation>Semua status</translation>
    </message>
    <message>
        <source>Could not load the orders: %1</source>
        <translation>Gagal memuat pesanan: %1</translation>
    </message>
    <message>
        <source>Customer phone or name, or a ref (Ctrl+F)</source>
        <translation>Nomor telepon atau nama pelanggan, atau ref (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation>&amp;Produk:</translation>
    </message>
    <message>
        <source>&amp;Payment:</source>
        <translation>Pem&amp;bayaran:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Dari:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Sampai:</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>&amp;Hapus filter</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>De&amp;tail…</translation>
    </message>
    <message>
        <source>Open the selected order (Enter)</source>
        <translation>Buka pesanan yang dipilih (Enter)</translation>
    </message>
    <message>
        <source>Re&amp;send delivery</source>
        <translation>Kirim &amp;ulang pesanan</translation>
    </message>
    <message>
        <source>&amp;Refund…</source>
        <translation>&amp;Refund…</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Ekspor CSV…</translation>
    </message>
    <message>
        <source>Save every order that matches the filters as a CSV file (Ctrl+E)</source>
        <translation>Simpan semua pesanan yang cocok dengan filter sebagai file CSV (Ctrl+E)</translation>
    </message>
    <message>
        <source>All payments</source>
        <translation>Semua pembayaran</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>Semua produk</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Semua</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Loading orders…</source>
        <translation>Memuat pesanan…</translation>
    </message>
    <message>
        <source>No orders match</source>
        <translation>Tidak ada pesanan yang cocok</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n pesanan</numerusform>
        </translation>
    </message>
    <message>
        <source>1–%1 of %2 orders (scroll for more)</source>
        <translation>1–%1 dari %2 pesanan (gulir untuk melihat lainnya)</translation>
    </message>
    <message>
        <source>%1 refunded: %2 added to the customer&apos;s saldo (now %3).</source>
        <translation>%1 di-refund: %2 masuk ke saldo pelanggan (sekarang %3).</translation>
    </message>
    <message>
        <source>Could not resend %1: %2</source>
        <translation>Gagal mengirim ulang %1: %2</translation>
    </message>
    <message>
        <source>The delivery of %1 is on its way to %2 again.</source>
        <translation>Pesanan %1 sedang dikirim ulang ke %2.</translation>
    </message>
    <message>
        <source>Export orders</source>
        <translation>Ekspor pesanan</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>File CSV (*.csv);;Semua file (*)</translation>
    </message>
    <message>
        <source>Exporting orders…</source>
        <translation>Mengekspor pesanan…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) exported to %1.</source>
        <translation>
            <numerusform>%n pesanan diekspor ke %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Ekspor dibatalkan; tidak ada file yang dibuat.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Ekspor gagal: %1</translation>
    </message>
</context>
<context>
    <name>kedai::gui::PasswordFields</name>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Kata sandi:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Ulangi kata sandi:</translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation>Minimal %1 karakter.</translation>
    </message>
    <message>
        <source>Weak: easy to guess. Use a longer password or mix letters, digits and signs.</source>
        <translation>Lemah: mudah ditebak. Gunakan kata sandi yang lebih panjang atau campur huruf, angka, dan simbol.</translation>
    </message>
    <message>
        <source>Fair. Longer is better: a short sentence is easy to remember and hard to guess.</source>
        <translation>Cukup. Lebih panjang lebih baik: kalimat pendek mudah diingat dan sulit ditebak.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Kuat.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Kedua kata sandi tidak sama.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ProductDialog</name>
    <message>
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Kode:</translation>
    </message>
    <message>
        <source>e.g. NF1</source>
        <translation>mis. NF1</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <source>C&amp;ategory:</source>
        <translation>Ka&amp;tegori:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Jenis:</translation>
    </message>
    <message>
        <source>&amp;Bronze price (Rp):</source>
        <translation>Harga &amp;Bronze (Rp):</translation>
    </message>
    <message>
        <source>e.g. 25000</source>
        <translation>mis. 25000</translation>
    </message>
    <message>
        <source>&amp;Silver price (Rp):</source>
        <translation>Harga &amp;Silver (Rp):</translation>
    </message>
    <message>
        <source>e.g. 24000</source>
        <translation>mis. 24000</translation>
    </message>
    <message>
        <source>&amp;Gold price (Rp):</source>
        <translation>Harga &amp;Gold (Rp):</translation>
    </message>
    <message>
        <source>e.g. 23000</source>
        <translation>mis. 23000</translation>
    </message>
    <message>
        <source>&amp;Low stock warning at:</source>
        <translation>Peringatan stok &amp;menipis di:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Deskripsi:</translation>
    </message>
    <message>
        <source>&amp;Terms:</source>
        <translation>S&amp;yarat:</translation>
    </message>
    <message>
        <source>Active (customers can buy it)</source>
        <translation>Aktif (pelanggan bisa membelinya)</translation>
    </message>
    <message>
        <source>Add product</source>
        <translation>Tambah produk</translation>
    </message>
    <message>
        <source>Edit product %1</source>
        <translation>Ubah produk %1</translation>
    </message>
    <message>
        <source>The code must be 1 to 20 characters: letters A-Z, digits, &quot;-&quot; or &quot;_&quot;.</source>
        <translation>Kode harus 1 sampai 20 karakter: huruf A-Z, angka, &quot;-&quot; atau &quot;_&quot;.</translation>
    </message>
    <message>
        <source>The name is required.</source>
        <translation>Nama wajib diisi.</translation>
    </message>
    <message>
        <source>The bronze price must be a whole number of rupiah above 0.</source>
        <translation>Harga bronze harus bilangan bulat rupiah di atas 0.</translation>
    </message>
    <message>
        <source>The silver price must be a whole number of rupiah above 0.</source>
        <translation>Harga silver harus bilangan bulat rupiah di atas 0.</translation>
    </message>
    <message>
        <source>The gold price must be a whole number of rupiah above 0.</source>
        <translation>Harga gold harus bilangan bulat rupiah di atas 0.</translation>
    </message>
    <message>
        <source>Pick one or type a new category</source>
        <translation>Pilih salah satu atau ketik kategori baru</translation>
    </message>
    <message>
        <source>The code %1 is already used by another product. Choose another code.</source>
        <translation>Kode %1 sudah dipakai produk lain. Pilih kode lain.</translation>
    </message>
    <message>
        <source>Your account may not edit products. Ask a manager or the shop owner.</source>
        <translation>Akun Anda tidak diizinkan mengubah produk. Hubungi manajer atau pemilik toko.</translation>
    </message>
    <message>
        <source>Unusual prices: silver customers usually pay at most the bronze price and gold customers at most the silver price. Check the prices; you can still save them.</source>
        <translation>Harga tidak biasa: pelanggan silver biasanya membayar paling mahal harga bronze, dan pelanggan gold paling mahal harga silver. Periksa lagi harganya; Anda tetap bisa menyimpannya.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::ProductTableModel</name>
    <message>
        <source>Low stock: %1 or fewer items left</source>
        <translation>Stok menipis: tersisa %1 item atau kurang</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Bronze price</source>
        <translation>Harga Bronze</translation>
    </message>
    <message>
        <source>Silver price</source>
        <translation>Harga Silver</translation>
    </message>
    <message>
        <source>Gold price</source>
        <translation>Harga Gold</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stok</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Terjual</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
</context>
<context>
    <name>kedai::gui::QrisPanel</name>
    <message>
        <source>Waiting for payment</source>
        <translation>Menunggu pembayaran</translation>
    </message>
    <message>
        <source>Confirm &amp;paid…</source>
        <translation>Konfirmasi &amp;dibayar…</translation>
    </message>
    <message>
        <source>The money arrived but the phone did not report it: mark it paid by hand.</source>
        <translation>Uang sudah masuk tetapi ponsel tidak melaporkannya: tandai lunas secara manual.</translation>
    </message>
    <message>
        <source>Unmatched money</source>
        <translation>Uang yang tidak cocok</translation>
    </message>
    <message>
        <source>&amp;Assign to order…</source>
        <translation>C&amp;ocokkan ke pesanan…</translation>
    </message>
    <message>
        <source>C&amp;redit to customer…</source>
        <translation>Masukkan ke sa&amp;ldo pelanggan…</translation>
    </message>
    <message>
        <source>Notifications from the phone</source>
        <translation>Notifikasi dari ponsel</translation>
    </message>
    <message>
        <source>Could not load the QRIS payments: %1</source>
        <translation>Gagal memuat pembayaran QRIS: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) waiting</source>
        <translation>
            <numerusform>%n pembayaran menunggu</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the unmatched money: %1</source>
        <translation>Gagal memuat uang yang tidak cocok: %1</translation>
    </message>
    <message>
        <source>No unmatched money.</source>
        <translation>Tidak ada uang yang tidak cocok.</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) matched no order: assign them.</source>
        <translation>
            <numerusform>%n pembayaran tidak cocok dengan pesanan mana pun: tetapkan tujuannya.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the notifications: %1</source>
        <translation>Gagal memuat notifikasi: %1</translation>
    </message>
    <message>
        <source>%1 confirmed as paid (%2).</source>
        <translation>%1 dikonfirmasi lunas (%2).</translation>
    </message>
</context>
<context>
    <name>kedai::gui::QrisPaymentTableModel</name>
    <message>
        <source>Created %1, expires %2</source>
        <translation>Dibuat %1, kedaluwarsa %2</translation>
    </message>
    <message>
        <source>The customer pays exactly this amount; the kode unik tells the payments apart.</source>
        <translation>Pelanggan membayar tepat sejumlah ini; kode unik membedakan setiap pembayaran.</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>Ref</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Untuk</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Nominal</translation>
    </message>
    <message>
        <source>Kode unik</source>
        <translation>Kode unik</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>Total bayar</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Sisa waktu</translation>
    </message>
    <message>
        <source>Expired, waiting for the sweeper</source>
        <translation>Kedaluwarsa, menunggu dibersihkan sistem</translation>
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
        <translation>&amp;Simpan pengaturan</translation>
    </message>
    <message>
        <source>The customer pays the total plus a unique code from 1 to this number, so every waiting payment has its own amount and Kedai can tell who paid. More codes let more customers wait to pay at the same time; fewer keep the extra rupiah small.</source>
        <translation>Pelanggan membayar total ditambah kode unik dari 1 sampai angka ini, sehingga setiap pembayaran yang menunggu punya nominal sendiri dan Kedai tahu siapa yang membayar. Makin banyak kode, makin banyak pelanggan yang bisa menunggu membayar bersamaan; makin sedikit, makin kecil tambahan rupiahnya.</translation>
    </message>
    <message>
        <source>e.g. 2000/50000; empty: no bonus</source>
        <translation>mis. 2000/50000; kosong: tanpa bonus</translation>
    </message>
    <message>
        <source>Saldo bonus on deposits paid with QRIS: 2000/50000 gives Rp 2.000 for every full Rp 50.000 deposited.</source>
        <translation>Bonus saldo untuk deposit yang dibayar dengan QRIS: 2000/50000 memberi Rp 2.000 untuk setiap kelipatan penuh Rp 50.000 yang didepositkan.</translation>
    </message>
    <message>
        <source>Other apps that mention QRIS</source>
        <translation>Aplikasi lain yang menyebut QRIS</translation>
    </message>
    <message>
        <source>Any other app whose notification says that a QRIS payment was received</source>
        <translation>Aplikasi lain apa pun yang notifikasinya menyebut pembayaran QRIS diterima</translation>
    </message>
    <message>
        <source>Android app %1</source>
        <translation>Aplikasi Android %1</translation>
    </message>
    <message>
        <source>Highest unique &amp;code:</source>
        <translation>Kode unik te&amp;rtinggi:</translation>
    </message>
    <message>
        <source>Deposit &amp;bonus:</source>
        <translation>&amp;Bonus deposit:</translation>
    </message>
    <message>
        <source>Payment apps:</source>
        <translation>Aplikasi pembayaran:</translation>
    </message>
    <message>
        <source>Only notifications from the ticked apps count as money received.</source>
        <translation>Hanya notifikasi dari aplikasi yang dicentang yang dihitung sebagai uang masuk.</translation>
    </message>
    <message>
        <source>Write it as bonus/step, e.g. 2000/50000.</source>
        <translation>Tulis sebagai bonus/kelipatan, misalnya 2000/50000.</translation>
    </message>
    <message>
        <source>No bonus on deposits.</source>
        <translation>Tanpa bonus deposit.</translation>
    </message>
    <message>
        <source>Deposit %1 → bonus %2</source>
        <translation>Deposit %1 → bonus %2</translation>
    </message>
    <message>
        <source>Could not load the QRIS settings: %1</source>
        <translation>Gagal memuat pengaturan QRIS: %1</translation>
    </message>
    <message>
        <source>Tick at least one payment app: only notifications from the ticked apps count as payments.</source>
        <translation>Centang minimal satu aplikasi pembayaran: hanya notifikasi dari aplikasi yang dicentang yang dihitung sebagai pembayaran.</translation>
    </message>
    <message>
        <source>Nothing to save: the settings have not changed.</source>
        <translation>Tidak ada yang disimpan: pengaturan tidak berubah.</translation>
    </message>
    <message>
        <source>QRIS settings saved.</source>
        <translation>Pengaturan QRIS tersimpan.</translation>
    </message>
    <message>
        <source>Only some settings were saved: %1</source>
        <translation>Hanya sebagian pengaturan yang tersimpan: %1</translation>
    </message>
    <message>
        <source>The settings were not saved: %1</source>
        <translation>Pengaturan tidak disimpan: %1</translation>
    </message>
</context>
<context>
    <name>kedai::gui::QrisSetupBox</name>
    <message>
        <source>QRIS set-up</source>
        <translation>Pengaturan QRIS</translation>
    </message>
    <message>
        <source>&amp;Use this QRIS</source>
        <translation>&amp;Gunakan QRIS ini</translation>
    </message>
    <message>
        <source>Tur&amp;n QRIS off…</source>
        <translation>Ma&amp;tikan QRIS…</translation>
    </message>
    <message>
        <source>Set &amp;key</source>
        <translation>Atur k&amp;unci</translation>
    </message>
    <message>
        <source>Paste the text of the shop&apos;s static QRIS (starts with 000201)</source>
        <translation>Tempel teks QRIS statis toko (diawali 000201)</translation>
    </message>
    <message>
        <source>leave empty to generate a random key</source>
        <translation>kosongkan untuk membuat kunci acak</translation>
    </message>
    <message>
        <source>Hi&amp;de</source>
        <translation>Sembun&amp;yikan</translation>
    </message>
    <message>
        <source>Enter these in the notification forwarder app on the shop&apos;s phone. The key is shown only now.</source>
        <translation>Masukkan data ini di aplikasi penerus notifikasi pada ponsel toko. Kunci hanya ditampilkan sekarang.</translation>
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
        <translation>QRIS st&amp;atis:</translation>
    </message>
    <message>
        <source>&amp;Listener key:</source>
        <translation>&amp;Kunci listener:</translation>
    </message>
    <message>
        <source>QRIS is on: &lt;b&gt;%1&lt;/b&gt;, %2.</source>
        <translation>QRIS aktif: &lt;b&gt;%1&lt;/b&gt;, %2.</translation>
    </message>
    <message numerus="yes">
        <source>Customers have %n minute(s) to pay.</source>
        <translation>
            <numerusform>Pelanggan punya waktu %n menit untuk membayar.</numerusform>
        </translation>
    </message>
    <message>
        <source>QRIS is off: the configured QRIS text was refused. %1</source>
        <translation>QRIS mati: teks QRIS yang diatur ditolak. %1</translation>
    </message>
    <message>
        <source>QRIS is off. Paste the shop&apos;s static QRIS text below to sell with QRIS.</source>
        <translation>QRIS mati. Tempel teks QRIS statis toko di bawah untuk berjualan dengan QRIS.</translation>
    </message>
    <message>
        <source>A key is set.</source>
        <translation>Kunci sudah diatur.</translation>
    </message>
    <message>
        <source>No key yet: the phone cannot report payments.</source>
        <translation>Belum ada kunci: ponsel belum bisa melaporkan pembayaran.</translation>
    </message>
    <message>
        <source>Change &amp;key</source>
        <translation>Ganti k&amp;unci</translation>
    </message>
    <message>
        <source>Turn QRIS off</source>
        <translation>Matikan QRIS</translation>
    </message>
    <message>
        <source>The QRIS text was not used: %1</source>
        <translation>Teks QRIS tidak dipakai: %1</translation>
    </message>
    <message>
        <source>QRIS is off.</source>
        <translation>QRIS dimatikan.</translation>
    </message>
    <message>
        <source>The shop&apos;s QRIS is set.</source>
        <translation>QRIS toko sudah diatur.</translation>
    </message>
    <message>
        <source>The listener key was not changed: %1</source>
        <translation>Kunci listener tidak diubah: %1</translation>
    </message>
    <message>
        <source>The listener key is set. Enter it in the phone&apos;s forwarder app.</source>
        <translation>Kunci listener sudah diatur. Masukkan di aplikasi penerus notifikasi pada ponsel.</translation>
    </message>
    <message>
        <source>Turn QRIS off? Customers can no longer pay with QRIS until a static QRIS text is set again.</source>
        <translation>Matikan QRIS? Pelanggan tidak bisa membayar dengan QRIS sampai teks QRIS statis diatur lagi.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::RefundDialog</name>
    <message>
        <source>This order has already been refunded. Nothing was changed.</source>
        <translation>Pesanan ini sudah di-refund. Tidak ada yang diubah.</translation>
    </message>
    <message>
        <source>Only paid or delivered orders can be refunded. Nothing was changed.</source>
        <translation>Hanya pesanan yang sudah dibayar atau terkirim yang bisa di-refund. Tidak ada yang diubah.</translation>
    </message>
    <message>
        <source>Write the reason for the refund.</source>
        <translation>Tulis alasan refund.</translation>
    </message>
    <message>
        <source>Your account may not refund orders. Ask the shop owner or a manager.</source>
        <translation>Akun Anda tidak diizinkan me-refund pesanan. Hubungi pemilik toko atau manajer.</translation>
    </message>
    <message>
        <source>Return the items to stock</source>
        <translation>Kembalikan item ke stok</translation>
    </message>
    <message>
        <source>Refund order %1</source>
        <translation>Refund pesanan %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 goes back to the saldo of %2. The order becomes &quot;Refunded&quot;; this cannot be undone.</source>
        <translation>%1 dikembalikan ke saldo %2. Status pesanan menjadi &quot;Dikembalikan&quot;; ini tidak bisa dibatalkan.</translation>
    </message>
    <message>
        <source>Ref:</source>
        <translation>Ref:</translation>
    </message>
    <message>
        <source>Product:</source>
        <translation>Produk:</translation>
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
        <translation>mis. akun tidak bisa dipakai, permintaan pelanggan</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Alasan:</translation>
    </message>
    <message>
        <source>Only when the items were never used: the customer has seen them and could still use them. They are sold again to the next buyer.</source>
        <translation>Hanya jika item belum pernah dipakai: pelanggan sudah melihatnya dan masih bisa memakainya. Item akan dijual lagi ke pembeli berikutnya.</translation>
    </message>
    <message>
        <source>Refund to saldo</source>
        <translation>Refund ke saldo</translation>
    </message>
    <message>
        <source>Write the reason for the refund: it is kept in the customer&apos;s saldo history.</source>
        <translation>Tulis alasan refund: alasan ini disimpan di riwayat saldo pelanggan.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::SaldoDialog</name>
    <message>
        <source>Top up / deduct saldo</source>
        <translation>Tambah / kurangi saldo</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Pelanggan:</translation>
    </message>
    <message>
        <source>Current saldo:</source>
        <translation>Saldo saat ini:</translation>
    </message>
    <message>
        <source>&amp;Top up</source>
        <translation>&amp;Tambah</translation>
    </message>
    <message>
        <source>&amp;Deduct</source>
        <translation>&amp;Kurangi</translation>
    </message>
    <message>
        <source>&amp;Amount (Rp):</source>
        <translation>&amp;Jumlah (Rp):</translation>
    </message>
    <message>
        <source>e.g. 50000</source>
        <translation>mis. 50000</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Alasan:</translation>
    </message>
    <message>
        <source>e.g. transfer BCA 21/11</source>
        <translation>mis. transfer BCA 21/11</translation>
    </message>
    <message>
        <source>New saldo:</source>
        <translation>Saldo baru:</translation>
    </message>
    <message>
        <source>Enter the amount as a whole number of rupiah above 0.</source>
        <translation>Isi jumlah sebagai bilangan bulat rupiah di atas 0.</translation>
    </message>
    <message>
        <source>Cannot deduct more than the current saldo (%1).</source>
        <translation>Tidak bisa mengurangi lebih dari saldo saat ini (%1).</translation>
    </message>
    <message>
        <source>The amount is too large.</source>
        <translation>Jumlahnya terlalu besar.</translation>
    </message>
    <message>
        <source>A reason is required (it is kept in the ledger).</source>
        <translation>Alasan wajib diisi (disimpan di buku saldo).</translation>
    </message>
</context>
<context>
    <name>kedai::gui::SettingsPanel</name>
    <message>
        <source>Shop</source>
        <translation>Toko</translation>
    </message>
    <message>
        <source>Database and Redis</source>
        <translation>Database dan Redis</translation>
    </message>
    <message>
        <source>Channels and payments</source>
        <translation>Kanal dan pembayaran</translation>
    </message>
    <message>
        <source>Reply templates</source>
        <translation>Template balasan</translation>
    </message>
    <message>
        <source>Sending and bot</source>
        <translation>Pengiriman dan bot</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Cadangan</translation>
    </message>
    <message>
        <source>Only the shop owner can change settings.</source>
        <translation>Hanya pemilik toko yang bisa mengubah pengaturan.</translation>
    </message>
    <message>
        <source>Shop profile</source>
        <translation>Profil toko</translation>
    </message>
    <message>
        <source>Shown by the bot in its greeting and catalog ({shop} in the reply templates).</source>
        <translation>Ditampilkan bot di salam pembuka dan katalog ({shop} di template balasan).</translation>
    </message>
    <message>
        <source>Shop name:</source>
        <translation>Nama toko:</translation>
    </message>
    <message>
        <source>WhatsApp numbers that may use the owner commands.</source>
        <translation>Nomor WhatsApp yang boleh memakai perintah pemilik.</translation>
    </message>
    <message>
        <source>Owner WhatsApp numbers:</source>
        <translation>Nomor WhatsApp pemilik:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>Window and bot replies:</source>
        <translation>Jendela dan balasan bot:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Saved. The bot uses the new shop name and numbers after a restart.</source>
        <translation>Tersimpan. Bot memakai nama toko dan nomor baru setelah Kedai dimulai ulang.</translation>
    </message>
    <message>
        <source>Messages per second (0 = no cap):</source>
        <translation>Pesan per detik (0 = tanpa batas):</translation>
    </message>
    <message>
        <source>Gap between messages to one customer (ms):</source>
        <translation>Jeda antarpesan ke satu pelanggan (ms):</translation>
    </message>
    <message>
        <source>Bot pause after a staff reply (minutes, 0 = never):</source>
        <translation>Bot dijeda setelah staf membalas (menit, 0 = tidak pernah):</translation>
    </message>
    <message>
        <source>Lock the window after idle minutes (0 = never):</source>
        <translation>Kunci jendela jika tidak dipakai selama (menit, 0 = tidak pernah):</translation>
    </message>
    <message>
        <source>Saved: Kedai uses the new values now.</source>
        <translation>Tersimpan: Kedai langsung memakai nilai baru.</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>Tidak ada perubahan.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Cadangkan sekarang</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>Folder cadangan:</translation>
    </message>
    <message>
        <source>SQLite: a consistent copy of the database file while the shop keeps running. PostgreSQL: pg_dump (install postgresql-client).</source>
        <translation>SQLite: salinan utuh file database selagi toko tetap berjalan. PostgreSQL: pg_dump (instal postgresql-client).</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Folder cadangan</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>Pencadangan gagal: %1</translation>
    </message>
    <message>
        <source>Backup written: %1</source>
        <translation>Cadangan tersimpan: %1</translation>
    </message>
</context>
<context>
    <name>kedai::gui::SignInDialog</name>
    <message>
        <source>Sign in to Kedai</source>
        <translation>Masuk ke Kedai</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Masuk</translation>
    </message>
</context>
<context>
    <name>kedai::gui::StaffAccountsDialog</name>
    <message>
        <source>Staff accounts</source>
        <translation>Akun staf</translation>
    </message>
    <message>
        <source>Staff manage stock and orders and answer chats. Managers may also change prices, refund, change saldo and see the audit log. The owner may do everything, including settings, accounts and backups.</source>
        <translation>Staf mengelola stok dan pesanan serta membalas chat. Manajer juga boleh mengubah harga, me-refund, mengubah saldo, dan melihat log audit. Pemilik boleh melakukan semuanya, termasuk pengaturan, akun, dan cadangan.</translation>
    </message>
    <message>
        <source>&amp;New account</source>
        <translation>Akun ba&amp;ru</translation>
    </message>
    <message>
        <source>Set &amp;password…</source>
        <translation>A&amp;tur kata sandi…</translation>
    </message>
    <message>
        <source>Change &amp;my password…</source>
        <translation>Ubah kata sandi sa&amp;ya…</translation>
    </message>
    <message>
        <source>Only the shop owner manages accounts. You can change your own password.</source>
        <translation>Hanya pemilik toko yang mengelola akun. Anda bisa mengubah kata sandi Anda sendiri.</translation>
    </message>
    <message>
        <source>3 to 32 small letters, digits, dots, dashes or underscores. It cannot be changed later.</source>
        <translation>3 sampai 32 huruf kecil, angka, titik, tanda hubung, atau garis bawah. Tidak bisa diubah nanti.</translation>
    </message>
    <message>
        <source>Account can sign in</source>
        <translation>Akun bisa masuk</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Nama pengguna:</translation>
    </message>
    <message>
        <source>&amp;Name shown:</source>
        <translation>Nama &amp;tampilan:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Peran:</translation>
    </message>
    <message>
        <source>Could not load the accounts: %1</source>
        <translation>Gagal memuat akun: %1</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Akun baru</translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation>&amp;Buat akun</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Akun %1</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Simpan perubahan</translation>
    </message>
    <message>
        <source>Account %1 created.</source>
        <translation>Akun %1 dibuat.</translation>
    </message>
    <message>
        <source>Account %1 saved.</source>
        <translation>Akun %1 disimpan.</translation>
    </message>
    <message>
        <source>The password was changed.</source>
        <translation>Kata sandi sudah diubah.</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Kata sandi Anda sudah diubah.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::StaffTableModel</name>
    <message>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <source>Switched off</source>
        <translation>Nonaktif</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Belum pernah</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Terakhir masuk</translation>
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
        <translation>Isi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ditambahkan</translation>
    </message>
</context>
<context>
    <name>kedai::gui::StockPasteDialog</name>
    <message>
        <source>Paste stock</source>
        <translation>Tempel stok</translation>
    </message>
    <message>
        <source>Paste the items here</source>
        <translation>Tempel item di sini</translation>
    </message>
    <message>
        <source>&amp;Save items</source>
        <translation>&amp;Simpan item</translation>
    </message>
    <message>
        <source>%1  [duplicate in the pasted text]</source>
        <translation>%1  [duplikat dalam teks yang ditempel]</translation>
    </message>
    <message>
        <source>%1  [already in stock]</source>
        <translation>%1  [sudah ada di stok]</translation>
    </message>
    <message>
        <source>%1  [too long]</source>
        <translation>%1  [terlalu panjang]</translation>
    </message>
    <message>
        <source>%1 new, %2 duplicated in the text, %3 already in stock, %4 too long.</source>
        <translation>%1 baru, %2 duplikat dalam teks, %3 sudah ada di stok, %4 terlalu panjang.</translation>
    </message>
    <message>
        <source>Checking the current stock…</source>
        <translation>Memeriksa stok saat ini…</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>Tidak ada yang disimpan: %1</translation>
    </message>
    <message>
        <source>%1: added %2 item(s), skipped %3 (%4 duplicated in the text, %5 already in stock, %6 rejected).</source>
        <translation>%1: %2 item ditambahkan, %3 dilewati (%4 duplikat dalam teks, %5 sudah ada di stok, %6 ditolak).</translation>
    </message>
    <message>
        <source>One line is one item a customer receives, e.g. email|password|profile|pin. Empty lines and lines starting with # are skipped. Import file… reads a .txt file (one item per line) or a .csv file (one column of your choice; a header row is read as an item, so remove it or start it with #).</source>
        <translation>Satu baris adalah satu item yang diterima pelanggan, mis. email|password|profile|pin. Baris kosong dan baris yang diawali # dilewati. Impor file… membaca file .txt (satu item per baris) atau file .csv (satu kolom pilihan Anda; baris judul ikut dibaca sebagai item, jadi hapus atau awali dengan #).</translation>
    </message>
    <message>
        <source>Add stock: %1 (%2)</source>
        <translation>Tambah stok: %1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Import file…</source>
        <translation>&amp;Impor file…</translation>
    </message>
    <message>
        <source>Import stock items</source>
        <translation>Impor item stok</translation>
    </message>
    <message>
        <source>Stock files (*.txt *.csv);;All files (*)</source>
        <translation>File stok (*.txt *.csv);;Semua file (*)</translation>
    </message>
    <message>
        <source>Column %1 (first row: %2)</source>
        <translation>Kolom %1 (baris pertama: %2)</translation>
    </message>
    <message>
        <source>Which column holds the items?</source>
        <translation>Kolom mana yang berisi item?</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Membaca file…</translation>
    </message>
    <message>
        <source>The file is too large to import (at most 64 MB).</source>
        <translation>File terlalu besar untuk diimpor (maksimal 64 MB).</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Gagal membaca %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) from %1 are in the preview. Type or paste here to use this text instead.</source>
        <translation>
            <numerusform>%n item dari %1 ada di pratinjau. Ketik atau tempel di sini untuk memakai teks ini sebagai gantinya.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking %v of %m lines…</source>
        <translation>Memeriksa %v dari %m baris…</translation>
    </message>
    <message>
        <source>Could not check the current stock: %1</source>
        <translation>Gagal memeriksa stok saat ini: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
    <message>
        <source>Nothing was saved: your account may not add stock.</source>
        <translation>Tidak ada yang disimpan: akun Anda tidak diizinkan menambah stok.</translation>
    </message>
</context>
<context>
    <name>kedai::gui::TemplateEditor</name>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Reset to default</source>
        <translation>Kembalikan ke bawaan</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>Bahasa Indonesia</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Bahasa Inggris</translation>
    </message>
    <message>
        <source>Reply text (*bold*, _italic_ as in WhatsApp):</source>
        <translation>Teks balasan (*tebal*, _miring_ seperti di WhatsApp):</translation>
    </message>
    <message>
        <source>Preview with example values:</source>
        <translation>Pratinjau dengan nilai contoh:</translation>
    </message>
    <message>
        <source> (changed)</source>
        <translation> (diubah)</translation>
    </message>
    <message>
        <source>This reply has no placeholders.</source>
        <translation>Balasan ini tidak memiliki variabel.</translation>
    </message>
    <message>
        <source>Placeholders (keep each one): %1</source>
        <translation>Variabel (jangan dihapus): %1</translation>
    </message>
    <message>
        <source>{shop} (the shop&apos;s name) may be used in any reply.</source>
        <translation>{shop} (nama toko) bisa dipakai di balasan mana pun.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is back to the default text.</source>
        <translation>&quot;%1&quot; kembali ke teks bawaan.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; saved: the bot uses it from its next reply.</source>
        <translation>&quot;%1&quot; tersimpan: bot memakainya mulai balasan berikutnya.</translation>
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
        <translation>Kode</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produk</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Terjual</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Pendapatan</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Kedai cannot start:
%1</source>
        <translation>Kedai tidak dapat dimulai:
%1</translation>
    </message>
    <message>
        <source>Kedai cannot read the accounts:
%1</source>
        <translation>Kedai tidak bisa membaca data akun:
%1</translation>
    </message>
</context>
</TS>
