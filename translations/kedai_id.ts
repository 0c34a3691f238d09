<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
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
        <source>Search phone or name…</source>
        <translation>Cari nomor atau nama…</translation>
    </message>
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
        <source>%1: saldo %2</source>
        <translation>%1: saldo %2</translation>
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
        <source>&amp;Paste stock…</source>
        <translation>Tempe&amp;l stok…</translation>
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
        <source>%1 (%2): %3 available, %4 sold</source>
        <translation>%1 (%2): %3 tersedia, %4 terjual</translation>
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
        <source>&lt;p&gt;Current language: &lt;b&gt;%1&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;The window and the bot&apos;s replies use the language set by &lt;tt&gt;KEDAI_LANGUAGE&lt;/tt&gt; (&lt;tt&gt;id&lt;/tt&gt; or &lt;tt&gt;en&lt;/tt&gt;) in the settings file &lt;tt&gt;%2&lt;/tt&gt; or in the environment. A change takes effect when Kedai is started again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Bahasa saat ini: &lt;b&gt;%1&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Jendela dan balasan bot memakai bahasa yang diatur oleh &lt;tt&gt;KEDAI_LANGUAGE&lt;/tt&gt; (&lt;tt&gt;id&lt;/tt&gt; atau &lt;tt&gt;en&lt;/tt&gt;) di berkas pengaturan &lt;tt&gt;%2&lt;/tt&gt; atau di environment. Perubahan berlaku saat Kedai dijalankan lagi.&lt;/p&gt;</translation>
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
    <message numerus="yes">
        <source>Showing the latest %n order(s)</source>
        <translation>
            <numerusform>Menampilkan %n pesanan terbaru</numerusform>
        </translation>
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
        <source>One line is one item a customer receives, e.g. email|password|profile|pin. Empty lines and lines starting with # are skipped.</source>
        <translation>Satu baris adalah satu item yang diterima pelanggan, mis. email|password|profil|pin. Baris kosong dan baris yang diawali # dilewati.</translation>
    </message>
    <message>
        <source>Paste the items here</source>
        <translation>Tempel item di sini</translation>
    </message>
    <message>
        <source>Paste stock: %1 (%2)</source>
        <translation>Tempel stok: %1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Save items</source>
        <translation>&amp;Simpan item</translation>
    </message>
    <message>
        <source>Could not read the current stock: %1</source>
        <translation>Gagal membaca stok saat ini: %1</translation>
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
</context>
<context>
    <name>main</name>
    <message>
        <source>Kedai cannot start:
%1</source>
        <translation>Kedai tidak dapat dimulai:
%1</translation>
    </message>
</context>
</TS>
