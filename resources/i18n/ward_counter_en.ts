<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../ui/admin.py" line="+54"/>
        <source>Tài khoản cán bộ</source>
        <translation>Staff accounts</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+16"/>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+17"/>
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tạo tài khoản</source>
        <translation>Create account</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đặt lại mật khẩu…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khóa tài khoản</source>
        <translation>Lock account</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mật khẩu tạm (≥ 10 ký tự)</source>
        <translation>Temporary password (≥ 10 characters)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;b&gt;Tài khoản mới&lt;/b&gt; (phải đổi mật khẩu ở lần đăng nhập đầu)</source>
        <translation>&lt;b&gt;New account&lt;/b&gt; (the password must be changed at first sign-in)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Hoạt động</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Đã khóa</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Đặt lại mật khẩu</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mật khẩu tạm mới:</source>
        <translation>New temporary password:</translation>
    </message>
</context>
<context>
    <name>ApplicantPage</name>
    <message>
        <location filename="../../ui/dossiers/intake_wizard.py" line="+102"/>
        <source>2. Người nộp hồ sơ</source>
        <translation>2. Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tra cứu trước: công dân đã đến sẽ không phải nhập lại.</source>
        <translation>Look up first: a returning citizen need not be typed again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số CCCD (12 số) hoặc họ tên, rồi Enter</source>
        <translation>CCCD number (12 digits) or full name, then Enter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>chỉ để đối chiếu giấy tờ cũ</source>
        <translation>only to cross-check old papers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dd/mm/yyyy (không bắt buộc)</source>
        <translation>dd/mm/yyyy (optional)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tra cứu</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Họ và tên *</source>
        <translation>Full name *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số CCCD</source>
        <translation>CCCD number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số CMND cũ</source>
        <translation>Former CMND number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mã phường/xã mới</source>
        <translation>New ward/commune code</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Người được ủy quyền nộp thay</source>
        <translation>An authorised person files for the citizen</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Chưa có trong dữ liệu: nhập thông tin bên dưới.</source>
        <translation>Not on record yet: enter the details below.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Không có ai tên như vậy: nhập thông tin bên dưới.</source>
        <translation>Nobody by that name: enter the details below.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} người trùng tên: chọn một người (Enter) hoặc nhập mới.</source>
        <translation>{n} people match: pick one (Enter) or enter a new citizen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Công dân đã có: {full_name}</source>
        <translation>Returning citizen: {full_name}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 05/09/1990.</source>
        <translation>The date of birth must be day/month/year, e.g. 05/09/1990.</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <location filename="../../ui/admin.py" line="+20"/>
        <source>Nhật ký truy cập và thao tác</source>
        <translation>Access and action log</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Lọc</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Mọi thao tác</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mọi người</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Người thực hiện</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đối tượng</source>
        <translation>Object</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Chuỗi băm toàn vẹn: {entries} mục, không bị sửa.</source>
        <translation>Hash chain intact: {entries} entries, none altered.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CẢNH BÁO: nhật ký bị sửa hoặc xóa từ mục số {first_bad_seq}.</source>
        <translation>WARNING: the log was altered or deleted from entry {first_bad_seq}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(máy này)</source>
        <translation>(this PC)</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <location filename="../../ui/calendar_dialog.py" line="+38"/>
        <source>Lịch làm việc: ngày nghỉ và ngày làm bù</source>
        <translation>Working calendar: days off and make-up days</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+22"/>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Căn cứ</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ví dụ: Nghỉ hoán đổi dịp Tết Dương lịch</source>
        <translation>e.g. Day off swapped for New Year</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>số, ngày văn bản, ví dụ: Công văn 12729/VPCP-KGVX ngày 25/12/2025</source>
        <translation>document number and date, e.g. Công văn 12729/VPCP-KGVX of 25/12/2025</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Thêm ngày</source>
        <translation>Add day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thu hồi ngày đã thêm</source>
        <translation>Withdraw an added day</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Căn cứ *</source>
        <translation>Basis *</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Thêm ngày nghỉ hoặc ngày làm bù&lt;/b&gt; (hạn đã hẹn không tự thay đổi)</source>
        <translation>&lt;b&gt;Add a day off or a make-up working day&lt;/b&gt; (due dates already given do not change)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Chọn một ngày do phường hoặc Thành phố thêm (ngày của bảng gốc không thu hồi được).</source>
        <translation>Choose a day added by the ward or the city (days of the shipped table cannot be withdrawn).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Đã lưu. Không hồ sơ đang giải quyết nào bị ảnh hưởng.</source>
        <translation>Saved. No open dossier is affected.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{code}: hẹn {due:%d/%m/%Y} (theo lịch mới sẽ là {would_be:%d/%m/%Y})</source>
        <translation>{code}: due {due:%d/%m/%Y} (on the new calendar it would be {would_be:%d/%m/%Y})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Đã lưu. {n} hồ sơ đang giải quyết có hạn tính theo lịch cũ; hạn đã hẹn giữ nguyên:</source>
        <translation>Saved. {n} open dossiers have a due date counted on the old calendar; the dates given stand:</translation>
    </message>
</context>
<context>
    <name>CatalogImportDialog</name>
    <message>
        <location filename="../../ui/catalog_dialog.py" line="+32"/>
        <source>Nhập danh mục thủ tục</source>
        <translation>Import the procedure catalog</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chọn thư mục danh mục…</source>
        <translation>Choose a catalog folder…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chọn tệp danh mục (.json)…</source>
        <translation>Choose a catalog file (.json)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Áp dụng danh mục này</source>
        <translation>Apply this catalog</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Thay đổi so với danh mục đang dùng (chưa áp dụng):</source>
        <translation>Changes from the catalog in use (not applied yet):</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Đang dùng: phiên bản {version}, {n} thủ tục.</source>
        <translation>In use: version {version}, {n} procedures.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Thư mục danh mục</source>
        <translation>Catalog folder</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tệp danh mục</source>
        <translation>Catalog file</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Phiên bản {old} → {new}</source>
        <translation>Version {old} → {new}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+ thêm {code} {name}</source>
        <translation>+ add {code} {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>− bỏ {code} {name}</source>
        <translation>− remove {code} {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>~ sửa {code} {name}: {fields}</source>
        <translation>~ change {code} {name}: {fields}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Không có thủ tục nào thay đổi.</source>
        <translation>No procedure changes.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Đã áp dụng phiên bản {version}; các quầy khác của phường nhận khi đồng bộ.</source>
        <translation>Version {version} applied; the ward&apos;s other counters receive it when they sync.</translation>
    </message>
</context>
<context>
    <name>CollectorDialog</name>
    <message>
        <location filename="../../ui/dossiers/paperwork.py" line="+91"/>
        <location line="+15"/>
        <source>Trả kết quả</source>
        <translation>Return result</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Người khác nhận thay (được ủy quyền)</source>
        <translation>Someone else collects (authorised)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quan hệ với người nộp, số giấy ủy quyền</source>
        <translation>Relation to the applicant, authorisation number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Người nộp hồ sơ: &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation>Applicant: &lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số CCCD</source>
        <translation>CCCD number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quan hệ / ủy quyền</source>
        <translation>Relation / authorisation</translation>
    </message>
</context>
<context>
    <name>DeleteCitizenDialog</name>
    <message>
        <location filename="../../ui/admin.py" line="+36"/>
        <source>Xóa dữ liệu cá nhân của công dân</source>
        <translation>Delete a citizen&apos;s personal data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Họ tên, số CCCD hoặc số điện thoại</source>
        <translation>Full name, CCCD number or phone number</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Xóa toàn bộ dữ liệu của công dân này</source>
        <translation>Delete all data of this citizen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Chọn công dân cần xóa.</source>
        <translation>Choose the citizen to delete.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Xóa dữ liệu cá nhân của {citizen} trên máy này và máy chủ? Hồ sơ đang giải quyết hoặc còn trong thời hạn lưu trữ thì không xóa được; hồ sơ đã hết hạn được giữ mục đăng ký, thông tin cá nhân bị ẩn danh.</source>
        <translation>Erase the personal data of {citizen} on this PC and on the hub? Dossiers still open or within their retention period cannot be erased; for expired ones the register entry stays and the personal details are pseudonymised.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Đã ẩn danh thông tin cá nhân trong {records} bản ghi ({dossiers} hồ sơ, giữ mục đăng ký); máy chủ xóa các bản cũ khi đồng bộ.</source>
        <translation>Personal details pseudonymised in {records} records ({dossiers} dossiers, register entries kept); the hub erases the old copies at the next sync.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Đã xóa {records} bản ghi ({dossiers} hồ sơ); máy chủ sẽ xóa khi đồng bộ.</source>
        <translation>Deleted {records} records ({dossiers} dossiers); the hub will delete them at the next sync.</translation>
    </message>
</context>
<context>
    <name>DisplayBoard</name>
    <message>
        <location filename="../../ui/board.py" line="+54"/>
        <source>Màn hình gọi số</source>
        <translation>Call display</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✕ Đóng (Esc)</source>
        <translation>✕ Close (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đóng màn hình gọi số (Esc)</source>
        <translation>Close the display board (Esc)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>MỜI CÔNG DÂN CÓ SỐ</source>
        <translation>NOW SERVING NUMBER</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{prefix} {name}: {n} người chờ</source>
        <translation>{prefix} {name}: {n} waiting</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>đến QUẦY {counter_no}</source>
        <translation>to COUNTER {counter_no}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quầy {counter_no}</source>
        <translation>Counter {counter_no}</translation>
    </message>
</context>
<context>
    <name>DossierDetailDialog</name>
    <message>
        <location filename="../../ui/dossiers/detail.py" line="+70"/>
        <source>Xin lỗi, hẹn lại ngày (Mẫu 04)</source>
        <translation>Apologise, set a new date (Form 04)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;b&gt;Giấy tờ&lt;/b&gt;</source>
        <translation>&lt;b&gt;Papers&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Lịch sử xử lý&lt;/b&gt;</source>
        <translation>&lt;b&gt;Processing history&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Hồ sơ {code}</source>
        <translation>Dossier {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chưa tính (chờ bổ sung)</source>
        <translation>not set (awaiting papers)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;{code}&lt;/b&gt; — {name}&lt;br&gt;Người nộp: {full_name} ({id_number})&lt;br&gt;Tiếp nhận: {received_at:%d/%m/%Y %H:%M} · Hẹn trả: &lt;b&gt;{due}&lt;/b&gt;&lt;br&gt;Trạng thái: &lt;b&gt;{state}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{code}&lt;/b&gt; — {name}&lt;br&gt;Applicant: {full_name} ({id_number})&lt;br&gt;Received: {received_at:%d/%m/%Y %H:%M} · Due: &lt;b&gt;{due}&lt;/b&gt;&lt;br&gt;Status: &lt;b&gt;{state}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{mark} {name} — {count} bản</source>
        <translation>{mark} {name} — {count} cop.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Bên thứ hai</source>
        <translation>Second party</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người được ủy quyền nộp</source>
        <translation>Filed by authorised person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người nhận kết quả</source>
        <translation>Result collected by</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Lý do / hướng dẫn:</source>
        <translation>Reason / instructions:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Giấy tờ theo hướng dẫn</source>
        <translation>Papers as instructed</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Chuyển hồ sơ {code} từ «{old}» sang «{new}»?</source>
        <translation>Move dossier {code} from «{old}» to «{new}»?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lưu ý: hồ sơ chưa qua bước {steps} mà thủ tục này cần. Vẫn chuyển?</source>
        <translation>Note: the dossier has not been through {steps}, which this procedure needs. Move it anyway?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Xác nhận chuyển trạng thái</source>
        <translation>Confirm the move</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+4"/>
        <source>Mẫu 04</source>
        <translation>Form 04</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Lý do chậm trễ:</source>
        <translation>Reason for the delay:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ngày hẹn mới (dd/mm/yyyy):</source>
        <translation>New due date (dd/mm/yyyy):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;br&gt;&lt;span style=&apos;color:#b00020&apos;&gt;Ngày hẹn mới không đúng dạng.&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#b00020&apos;&gt;The new due date is not a valid date.&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message>
        <location filename="../../ui/dossiers/list_page.py" line="+87"/>
        <source>Mọi trạng thái</source>
        <translation>All states</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mọi thủ tục</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sắp đến hạn (2 ngày làm việc)</source>
        <translation>Due soon (2 working days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lọc</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bỏ lọc theo công dân</source>
        <translation>Show everyone&apos;s dossiers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>◀ Trang trước</source>
        <translation>◀ Previous page</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trang sau ▶</source>
        <translation>Next page ▶</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Hồ sơ của &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation>Dossiers of &lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Trang {page}/{pages} · {n} hồ sơ</source>
        <translation>Page {page}/{pages} · {n} dossiers</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Không có hồ sơ nào khớp bộ lọc. Bỏ bớt điều kiện để xem thêm.</source>
        <translation>No dossier matches these filters. Remove a condition to see more.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chưa có hồ sơ nào. Hồ sơ tiếp nhận (Ctrl+N) sẽ hiện ở đây.</source>
        <translation>No dossiers yet. Dossiers you receive (Ctrl+N) appear here.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{due} · quá hạn</source>
        <translation>{due} · overdue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{due} · sắp đến hạn</source>
        <translation>{due} · due soon</translation>
    </message>
</context>
<context>
    <name>FeeDialog</name>
    <message>
        <location filename="../../ui/fee_dialog.py" line="+28"/>
        <source>Lệ phí do HĐND Thành phố quy định</source>
        <translation>Fees set by the city People&apos;s Council</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mức thu</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người sửa, lúc</source>
        <translation>Set by, at</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Căn cứ</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ví dụ: 100.000</source>
        <translation>e.g. 100.000</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>số, ngày Nghị quyết HĐND Thành phố</source>
        <translation>number and date of the city People&apos;s Council resolution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lưu mức thu của phường cho thủ tục đã chọn</source>
        <translation>Save the ward&apos;s amount for the selected procedure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bỏ mức riêng của phường</source>
        <translation>Drop the ward&apos;s own amount</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mức thu (đồng) *</source>
        <translation>Amount (VND) *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Căn cứ *</source>
        <translation>Basis *</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Mức thu áp dụng cho mọi quầy của phường, cho hồ sơ tiếp nhận từ nay; hồ sơ đã tiếp nhận giữ mức đã ghi trên giấy hẹn. Mức riêng của phường thay cho mức Thành phố phát hành.</source>
        <translation>The amount applies at every counter of the ward, to dossiers received from now on; dossiers already received keep the amount on their receipt. The ward&apos;s own amount stands over the one the city published.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>chưa rõ / không thu</source>
        <translation>unknown / none</translation>
    </message>
</context>
<context>
    <name>FeePage</name>
    <message>
        <location filename="../../ui/dossiers/intake_wizard.py" line="+58"/>
        <source>4. Lệ phí và thông báo dữ liệu cá nhân</source>
        <translation>4. Fee and personal data notice</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đã thu lệ phí</source>
        <translation>Fee collected</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đã thông báo cho công dân (phiên bản {version})</source>
        <translation>Citizen informed (version {version})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run.py" line="+57"/>
        <source>Thiết lập lần đầu – Ward Counter</source>
        <translation>First-time setup – Ward Counter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gõ tên phường/xã, ví dụ: an lac</source>
        <translation>Type the ward/commune name, e.g. an lac</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quầy 1</source>
        <translation>Counter 1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>https://… (để trống nếu chưa có)</source>
        <translation>https://… (leave empty if none yet)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://… (máy chủ dự phòng)</source>
        <translation>https://… (backup hub)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>https://may-chu-phuong:8765</source>
        <translation>https://ward-hub:8765</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mã đăng ký do CNTT cấp (vd: ABCD-EFGH-JKLM)</source>
        <translation>Enrollment code from IT (e.g. ABCD-EFGH-JKLM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dấu vân tay chứng chỉ do CNTT đọc cùng mã</source>
        <translation>Certificate fingerprint, read out by IT staff with the code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quầy tiếp nhận</source>
        <translation>Reception counter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy lấy số (kiosk)</source>
        <translation>Ticket kiosk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Màn hình gọi số (TV)</source>
        <translation>Call display (TV)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Phường/xã/đặc khu</source>
        <translation>Ward/commune/special zone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Số quầy</source>
        <translation>Counter number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tên quầy</source>
        <translation>Counter name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhóm dịch vụ quầy này phục vụ</source>
        <translation>Service groups this counter serves</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Máy chủ đồng bộ chính</source>
        <translation>Primary sync hub</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy chủ dự phòng</source>
        <translation>Backup hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tên đăng nhập quản trị</source>
        <translation>Administrator username</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mật khẩu (≥ 10 ký tự)</source>
        <translation>Password (≥ 10 characters)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhập lại mật khẩu</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <source>Lưu và bắt đầu</source>
        <translation>Save and start</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Chỉ dành cho &lt;b&gt;máy đầu tiên&lt;/b&gt; của phường. Phường đã có máy khác: chọn thẻ «Tham gia phường đã có máy» để không tạo trùng tài khoản và nhóm dịch vụ.</source>
        <translation>Only for the ward&apos;s &lt;b&gt;first PC&lt;/b&gt;. If the ward already has another PC, choose the tab «Join a ward that has PCs» so no account or service group is made twice.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;Tài khoản quản trị đầu tiên&lt;/b&gt; (không có mật khẩu mặc định)</source>
        <translation>&lt;b&gt;First administrator account&lt;/b&gt; (there is no default password)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Máy đầu tiên của phường</source>
        <translation>The ward&apos;s first PC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tham gia phường đã có máy</source>
        <translation>Join a ward that has PCs</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tham gia phường</source>
        <translation>Join the ward</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Phường đã có máy chủ phường và tài khoản: máy này nhận tài khoản, nhóm dịch vụ từ máy chủ; cán bộ đăng nhập bằng tài khoản đã có.</source>
        <translation>The ward already has its hub and accounts: this PC takes the accounts and service groups from the hub; officers sign in with the accounts they have.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Địa chỉ máy chủ phường</source>
        <translation>Ward hub address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mã đăng ký</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dấu vân tay chứng chỉ</source>
        <translation>Certificate fingerprint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tên máy</source>
        <translation>PC name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy này là</source>
        <translation>This PC is</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Hãy chọn phường/xã.</source>
        <translation>Choose the ward/commune.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chọn ít nhất một nhóm dịch vụ.</source>
        <translation>Choose at least one service group.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nhập họ tên người quản trị.</source>
        <translation>Enter the administrator&apos;s full name.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Nhập địa chỉ máy chủ phường và mã đăng ký.</source>
        <translation>Enter the ward hub&apos;s address and the enrollment code.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Không kết nối được máy chủ phường; kiểm tra địa chỉ và mạng rồi thử lại.</source>
        <translation>Cannot reach the ward hub; check the address and the network, then try again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Máy chủ từ chối: {exc}</source>
        <translation>The hub refused: {exc}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đang tham gia phường…</source>
        <translation>Joining the ward…</translation>
    </message>
</context>
<context>
    <name>FormBar</name>
    <message>
        <location filename="../../ui/dossiers/paperwork.py" line="-75"/>
        <source>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</source>
        <translation>Receipt and appointment slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ</source>
        <translation>Request to supplement the dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phiếu từ chối tiếp nhận giải quyết hồ sơ</source>
        <translation>Refusal to receive the dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết</source>
        <translation>Apology and extension of the handling time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thông báo dừng giải quyết hồ sơ</source>
        <translation>Notice that handling stopped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phiếu kiểm soát quá trình giải quyết hồ sơ</source>
        <translation>Process control sheet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Xem (PDF)</source>
        <translation>Show (PDF)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In (Ctrl+P)…</source>
        <translation>Print (Ctrl+P)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Biểu mẫu</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Mẫu {n} — {title}</source>
        <translation>Form {n} — {title}</translation>
    </message>
</context>
<context>
    <name>IntakeWizard</name>
    <message>
        <location filename="../../ui/dossiers/intake_wizard.py" line="+48"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Receive a dossier</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Tiếp (Enter)</source>
        <translation>Next (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lưu hồ sơ</source>
        <translation>Save dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/kiosk.py" line="+53"/>
        <source>Cán bộ đăng nhập (Esc)</source>
        <translation>Staff sign-in (Esc)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✕ Đóng (Esc)</source>
        <translation>✕ Close (Esc)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lấy số thứ tự</source>
        <translation>Take a queue number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ưu tiên (người cao tuổi, khuyết tật, mang thai, có con nhỏ)</source>
        <translation>Priority (elderly, disabled, pregnant, with a small child)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; — Mời chọn lĩnh vực</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — Please choose a service</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Số của ông/bà: &lt;b&gt;{label}&lt;/b&gt; — {ahead} người đang chờ trước</source>
        <translation>Your number: &lt;b&gt;{label}&lt;/b&gt; — {ahead} people ahead of you</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;small&gt;Máy in phiếu chưa sẵn sàng: xin ghi nhớ số trên.&lt;/small&gt;</source>
        <translation>&lt;small&gt;The slip printer is not ready: please remember the number above.&lt;/small&gt;</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+120"/>
        <source>Quầy {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hàng chờ</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hỗ trợ nộp trực tuyến</source>
        <translation>Online filing help</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+61"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+68"/>
        <source>Tra cứu</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Đang kết nối máy chủ đồng bộ…</source>
        <translation>Connecting to the sync hub…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Thiếu tệp ngôn ngữ</source>
        <translation>Language file missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không tìm thấy bản dịch; giao diện giữ tiếng Việt. Hãy báo bộ phận CNTT.</source>
        <translation>The translation was not found; the interface stays in Vietnamese. Please tell IT staff.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tiếp nhận hồ sơ mới…</source>
        <translation>Receive a new dossier…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sổ theo dõi hồ sơ (Mẫu 07)…</source>
        <translation>Register of dossiers (Form 07)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Màn hình</source>
        <translation>Screens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Màn hình gọi số (TV)</source>
        <translation>Call display (TV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chế độ lấy số (kiosk)</source>
        <translation>Ticket kiosk mode</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tài khoản</source>
        <translation>Account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ngôn ngữ / Language</source>
        <translation>Ngôn ngữ / Language</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quản trị</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tài khoản cán bộ…</source>
        <translation>Staff accounts…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhật ký truy cập và thao tác…</source>
        <translation>Access and action log…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cài đặt quầy và máy chủ đồng bộ…</source>
        <translation>Counter and sync hub settings…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Xóa dữ liệu công dân theo yêu cầu…</source>
        <translation>Delete a citizen&apos;s data on request…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lịch làm việc: ngày nghỉ, ngày làm bù…</source>
        <translation>Working calendar: days off, make-up days…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nhập danh mục thủ tục…</source>
        <translation>Import the procedure catalog…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Thời hạn lưu trữ dữ liệu cá nhân…</source>
        <translation>Retention of personal data…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lệ phí do HĐND Thành phố quy định…</source>
        <translation>Fees set by the city People&apos;s Council…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sao lưu ngay</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Đang sao lưu dữ liệu…</source>
        <translation>Backing up data…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đã sao lưu và kiểm tra: {name}</source>
        <translation>Backed up and checked: {name}</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Trực tuyến qua máy chủ dự phòng (máy chủ phường không trả lời; tự quay lại khi có)</source>
        <translation>Online through the backup hub (the ward hub does not answer; back to it by itself when it does)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Ngoại tuyến</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>{pending} thao tác chờ gửi</source>
        <translation>{pending} operations waiting to send</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{quarantined} bị máy chủ từ chối (xem mục Đồng bộ)</source>
        <translation>{quarantined} refused by the hub (see Sync)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>đồng bộ lần cuối {time}</source>
        <translation>last synced {time}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Đang gửi {done}/{total}</source>
        <translation>Sending {done}/{total}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đang nhận {done}/{total}</source>
        <translation>Receiving {done}/{total}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đang nhận ({done})</source>
        <translation>Receiving ({done})</translation>
    </message>
</context>
<context>
    <name>OfficialCodeRow</name>
    <message>
        <location filename="../../ui/dossiers/paperwork.py" line="+16"/>
        <source>Mã hồ sơ do hệ thống của Thành phố / Cổng quốc gia cấp</source>
        <translation>Dossier code issued by the city&apos;s system / national portal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lưu mã</source>
        <translation>Save code</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mã hồ sơ chính thức</source>
        <translation>Official dossier code</translation>
    </message>
</context>
<context>
    <name>PapersPage</name>
    <message>
        <location filename="../../ui/dossiers/intake_wizard.py" line="-124"/>
        <source>3. Giấy tờ nhận</source>
        <translation>3. Papers received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đánh dấu giấy tờ công dân đã nộp (* là bắt buộc).</source>
        <translation>Tick the papers the citizen handed in (* is required).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Thiếu giấy tờ: lập Phiếu yêu cầu bổ sung (Mẫu 02) thay vì từ chối nhận</source>
        <translation>Papers missing: issue a supplement request (Form 02) instead of refusing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hướng dẫn bổ sung cho công dân</source>
        <translation>Instructions to the citizen for the missing papers</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} — {form_label_vi}, {count} bản{mark}</source>
        <translation>{name} — {form_label_vi}, {count} cop.{mark}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Còn thiếu: </source>
        <translation>Missing: </translation>
    </message>
</context>
<context>
    <name>PartiesPage</name>
    <message>
        <location filename="../../ui/dossiers/parties_page.py" line="+24"/>
        <source>2b. Người cùng nộp, người được ủy quyền</source>
        <translation>2b. Second applicant, authorised representative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bên thứ hai (cả hai bên cùng có mặt)</source>
        <translation>Second party (both parties present)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>Họ và tên *</source>
        <translation>Full name *</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>Số CCCD</source>
        <translation>CCCD number</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người được ủy quyền nộp thay</source>
        <translation>An authorised person files for the citizen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quan hệ, số giấy ủy quyền</source>
        <translation>Relation, authorisation number</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quan hệ / ủy quyền *</source>
        <translation>Relation / authorisation *</translation>
    </message>
</context>
<context>
    <name>ProcedurePage</name>
    <message>
        <location filename="../../ui/dossiers/intake_wizard.py" line="-234"/>
        <source>1. Chọn thủ tục</source>
        <translation>1. Choose the procedure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gõ tên hoặc mã thủ tục, ví dụ: ket hon, chung thuc</source>
        <translation>Type a procedure name or code, e.g. ket hon, chung thuc</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>trong ngày</source>
        <translation>same day</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{processing_days} ngày làm việc</source>
        <translation>{processing_days} working days</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>miễn/không thu</source>
        <translation>free / not charged</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Hẹn trả kết quả: {due:%d/%m/%Y}&lt;/b&gt; ({days}) · Lệ phí: {fee}&lt;br&gt;{fee_note}</source>
        <translation>&lt;b&gt;Result due: {due:%d/%m/%Y}&lt;/b&gt; ({days}) · Fee: {fee}&lt;br&gt;{fee_note}</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../ui/queue_panel.py" line="+45"/>
        <source>Không ưu tiên</source>
        <translation>No priority</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ưu tiên: {label}</source>
        <translation>Priority: {label}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cấp số (F8)</source>
        <translation>Issue ticket (F8)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chưa có ai chờ. Số mới lấy ở quầy lấy số sẽ hiện ở đây.</source>
        <translation>Nobody is waiting. New numbers from the kiosk appear here.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+108"/>
        <source>Chưa gọi số nào</source>
        <translation>No number called yet</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Gọi số tiếp theo (F2)</source>
        <translation>Call next (F2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gọi lại (F3)</source>
        <translation>Call again (F3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vắng mặt (F4)</source>
        <translation>No-show (F4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bắt đầu phục vụ (F5)</source>
        <translation>Start serving (F5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hoàn thành (F6)</source>
        <translation>Done (F6)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chuyển nhóm/quầy (F7)</source>
        <translation>Transfer group/counter (F7)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cấp số thứ tự</source>
        <translation>Issue a queue number</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quầy đang phục vụ</source>
        <translation>Now serving at this counter</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Danh sách chờ (theo thứ tự gọi)</source>
        <translation>Waiting list (in call order)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cấp số cho nhóm và mức ưu tiên đã chọn (F8)</source>
        <translation>Issue a ticket for the chosen group and priority (F8)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>↪ chuyển từ Quầy {n}</source>
        <translation>↪ transferred from counter {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{label}   chờ {minutes} phút   (lấy số {issued_at:%H:%M}){mark}</source>
        <translation>{label}   waiting {minutes} min   (taken {issued_at:%H:%M}){mark}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{label} — đã chuyển đi</source>
        <translation>{label} — transferred</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Đã cấp số {label}</source>
        <translation>Issued {label}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Mất kết nối máy chủ: {n} số do nơi khác cấp đang chờ, tạm chưa gọi để không gọi trùng. Bấm F8 để cấp số tại quầy.</source>
        <translation>No hub reachable: {n} tickets issued elsewhere are waiting and are not called for now, so nobody is called twice. Press F8 to issue tickets at this counter.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Không còn ai chờ</source>
        <translation>Nobody is waiting</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chưa gọi được số nào</source>
        <translation>No one could be called</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Đã gọi lại {label} lúc {time:%H:%M:%S} (lần {n})</source>
        <translation>Recalled {label} at {time:%H:%M:%S} (time {n})</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Quầy {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Không có nhóm hoặc quầy nào khác để chuyển tới.</source>
        <translation>There is no other group or counter to transfer to.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chuyển phiếu</source>
        <translation>Transfer ticket</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chuyển tới:</source>
        <translation>Transfer to:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quầy </source>
        <translation>Counter </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đã chuyển {label} tới {where}</source>
        <translation>Transferred {label} to {where}</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../ui/register_dialog.py" line="+49"/>
        <source>Sổ theo dõi hồ sơ (Mẫu 07)</source>
        <translation>Register of dossiers (Form 07)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tất cả lĩnh vực</source>
        <translation>All fields</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Xem và in (Ctrl+P)</source>
        <translation>Preview and print (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lưu PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xuất Excel (XLSX)</source>
        <translation>Export to Excel (XLSX)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đến ngày</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+22"/>
        <source>{n} hồ sơ. Đã lưu PDF: {path}</source>
        <translation>{n} dossiers. PDF saved: {path}</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>{n} hồ sơ. Đã xuất Excel: {path}</source>
        <translation>{n} dossiers. Excel file saved: {path}</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <location filename="../../ui/retention_dialog.py" line="+33"/>
        <source>Thời hạn lưu trữ dữ liệu cá nhân</source>
        <translation>Retention of personal data</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thời hạn</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Căn cứ</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Người sửa, lúc</source>
        <translation>Set by, at</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+41"/>
        <source>vĩnh viễn</source>
        <translation>permanently</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>số, ngày văn bản hoặc quyết định của phường</source>
        <translation>number and date of the document or the ward&apos;s decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lưu thời hạn cho dòng đã chọn</source>
        <translation>Save the period for the selected row</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bỏ thời hạn riêng của phường</source>
        <translation>Drop the ward&apos;s own period</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Số năm</source>
        <translation>Years</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Căn cứ *</source>
        <translation>Basis *</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Thời hạn áp dụng cho mọi quầy của phường. Hồ sơ đang giải quyết hoặc còn trong thời hạn không xóa được theo yêu cầu.</source>
        <translation>The period applies at every counter of the ward. Dossiers in progress or still within their period cannot be deleted on request.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{n} năm</source>
        <translation>{n} years</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Thủ tục {code} {name}</source>
        <translation>Procedure {code} {name}</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../ui/dossiers/intake_wizard.py" line="+236"/>
        <source>5. Kiểm tra và lưu</source>
        <translation>5. Review and save</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Yêu cầu bổ sung (Mẫu 02)</source>
        <translation>Supplement request (Form 02)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Được tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;Người nộp: {full_name}&lt;br&gt;Giấy tờ: {n} loại&lt;br&gt;Lệ phí: {fee}&lt;br&gt;Trạng thái khi lưu: &lt;b&gt;{state}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;Applicant: {full_name}&lt;br&gt;Papers: {n} kinds&lt;br&gt;Fee: {fee}&lt;br&gt;State when saved: &lt;b&gt;{state}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>SavedDialog</name>
    <message>
        <location filename="../../ui/dossiers/paperwork.py" line="+47"/>
        <source>Đã lưu hồ sơ</source>
        <translation>Dossier saved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In Mẫu {form} (Enter)</source>
        <translation>Print form {form} (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Đã lưu. Mã hồ sơ:</source>
        <translation>Saved. Dossier code:</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../ui/search_panel.py" line="+22"/>
        <source>Tìm theo họ tên, số CCCD, số điện thoại hoặc mã hồ sơ (Ctrl+F)</source>
        <translation>Search by full name, CCCD number, phone number or dossier code (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Vai trò này không được tra cứu hồ sơ của công dân.</source>
        <translation>This role may not look up citizens&apos; dossiers.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Công dân</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} kết quả</source>
        <translation>{n} results</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="+56"/>
        <source>Cài đặt quầy</source>
        <translation>Counter settings</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(Không in — chỉ lưu PDF)</source>
        <translation>(No printing — keep the PDF only)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(Máy in mặc định của hệ thống)</source>
        <translation>(The system&apos;s default printer)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(Màn hình cuối)</source>
        <translation>(Last screen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy lấy số (kiosk): mở thẳng màn hình lấy số, không cần đăng nhập</source>
        <translation>Ticket kiosk PC: open straight on the ticket screen, no sign-in</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đọc số bằng giọng nói sau tiếng chuông (màn hình gọi số)</source>
        <translation>Announce the number by voice after the chime (display board)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Địa chỉ máy chủ</source>
        <translation>Hub address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mã đăng ký do CNTT cấp (vd: ABCD-EFGH-JKLM)</source>
        <translation>Enrollment code from IT (e.g. ABCD-EFGH-JKLM)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dấu vân tay chứng chỉ (máy chủ phường dùng HTTPS riêng)</source>
        <translation>Certificate fingerprint (a ward hub with its own HTTPS)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đăng ký máy</source>
        <translation>Enroll this PC</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tên quầy</source>
        <translation>Counter name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhóm dịch vụ phục vụ (mã, cách nhau bằng dấu phẩy)</source>
        <translation>Service groups served (codes, separated by commas)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tự đăng xuất khi không dùng (0 = không)</source>
        <translation>Sign out when idle (0 = never)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ngôn ngữ giao diện</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy in phiếu số thứ tự</source>
        <translation>Ticket slip printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy in biểu mẫu A4</source>
        <translation>A4 printer for forms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Màn hình gọi số (TV)</source>
        <translation>Call display (TV)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Âm lượng đọc số</source>
        <translation>Announcement volume</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy chủ đồng bộ chính</source>
        <translation>Primary sync hub</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy chủ dự phòng</source>
        <translation>Backup hub</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Đăng ký máy này với máy chủ đồng bộ&lt;/b&gt;</source>
        <translation>&lt;b&gt;Enroll this PC with the sync hub&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Đã đăng ký với: </source>
        <translation>Enrolled with: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Máy chưa đăng ký với máy chủ nào.</source>
        <translation>This PC is not enrolled with any hub.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Nhập địa chỉ máy chủ và mã đăng ký.</source>
        <translation>Enter the hub address and the enrollment code.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Đang đăng ký…</source>
        <translation>Enrolling…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quầy {counter_no}</source>
        <translation>Counter {counter_no}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Không đăng ký được: {exc}</source>
        <translation>Could not enroll: {exc}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Không kết nối được máy chủ; kiểm tra địa chỉ và mạng rồi thử lại.</source>
        <translation>Cannot reach the hub; check the address and the network, then try again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Đã đăng ký: đơn vị {unit_code}, quầy {counter_no}.</source>
        <translation>Enrolled: unit {unit_code}, counter {counter_no}.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/sign_in.py" line="+45"/>
        <source>Đăng nhập – Ward Counter</source>
        <translation>Sign in – Ward Counter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="+69"/>
        <source>Đồng bộ ngay (Ctrl+R)</source>
        <translation>Sync now (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gửi lại các thao tác bị từ chối</source>
        <translation>Resend the refused operations</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Đang chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bị máy chủ từ chối (cách ly)</source>
        <translation>Refused by the hub (quarantined)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khác biệt cần đối chiếu</source>
        <translation>Differences to reconcile</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Đang gửi lên máy chủ: {done}/{total} thao tác.</source>
        <translation>Sending to the server: {done}/{total} operations.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đang nhận dữ liệu của phường từ máy chủ: {done}/{total} thay đổi. Vẫn cấp số, gọi số và tiếp nhận hồ sơ bình thường trong lúc này.</source>
        <translation>Receiving the ward&apos;s data from the server: {done}/{total} changes. Tickets, calls and dossier intake work as usual meanwhile.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đang nhận từ máy chủ: {done} thay đổi.</source>
        <translation>Receiving from the server: {done} changes.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>, đã thử {attempts} lần: {last_error}</source>
        <translation>, tried {attempts} times: {last_error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>chưa cấu hình máy chủ (làm việc ngoại tuyến)</source>
        <translation>no hub configured (working offline)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Máy chủ: {where}. {n} chờ gửi, {n2} bị từ chối, {n3} khác biệt.</source>
        <translation>Hub: {where}. {n} waiting, {n2} refused, {n3} differences.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> Đang đồng bộ…</source>
        <translation> Syncing…</translation>
    </message>
</context>
<context>
    <name>VolunteerPage</name>
    <message>
        <location filename="../../ui/volunteer_page.py" line="+33"/>
        <source>Tìm thủ tục (nộp trực tuyến được xếp trước)</source>
        <translation>Find a procedure (online ones first)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>◀ Bước trước</source>
        <translation>◀ Previous step</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bước tiếp ▶</source>
        <translation>Next step ▶</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mã hồ sơ trên Cổng (khi đã nộp được)</source>
        <translation>Dossier code on the Portal (once filed)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Giấy tờ còn thiếu</source>
        <translation>Missing papers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ghi kết quả (Ctrl+S)</source>
        <translation>Record outcome (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>&lt;b&gt;Kết quả hỗ trợ&lt;/b&gt;</source>
        <translation>&lt;b&gt;Outcome&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Hồ sơ đã hỗ trợ hôm nay&lt;/b&gt;</source>
        <translation>&lt;b&gt;Dossiers helped today&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Thủ tục này chỉ nộp trực tiếp: hãy cấp số thứ tự và hướng dẫn công dân đến quầy.</source>
        <translation>This procedure can only be filed in person: issue a queue number and guide the citizen to the counter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chuẩn bị: </source>
        <translation>Prepare: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Giấy tờ cần chụp/quét: </source>
        <translation>Papers to photograph/scan: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Tình nguyện viên được:&lt;/b&gt;{may}&lt;br&gt;&lt;b&gt;Không được:&lt;/b&gt;{must_not}</source>
        <translation>&lt;b&gt;A volunteer may:&lt;/b&gt;{may}&lt;br&gt;&lt;b&gt;Must not:&lt;/b&gt;{must_not}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; — bước {step}/{n}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — step {step}/{n}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Chọn thủ tục trước.</source>
        <translation>Choose a procedure first.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source> — số thứ tự {label}</source>
        <translation> — queue number {label}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đã ghi: {outcome}{ticket}</source>
        <translation>Recorded: {outcome}{ticket}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="+138"/>
        <source>Kiểm tra toàn bộ cơ sở dữ liệu phát hiện lỗi. Hãy gọi bộ phận CNTT; lần khởi động sau ứng dụng sẽ đề nghị khôi phục bản sao lưu gần nhất còn tốt.</source>
        <translation>The full database check found damage. Please call IT; at the next start the app will offer to restore the newest good backup.</translation>
    </message>
    <message>
        <location line="-63"/>
        <location line="+135"/>
        <source>Không mở được dữ liệu</source>
        <translation>Cannot open the data</translation>
    </message>
    <message>
        <location line="-142"/>
        <location line="+32"/>
        <location line="+37"/>
        <source>Dữ liệu bị hỏng</source>
        <translation>The data is damaged</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>{taken_at:%H:%M ngày %d/%m/%Y}</source>
        <translation>{taken_at:%H:%M on %d/%m/%Y}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{exc}

Khôi phục bản sao lưu lúc {when}?
(Tệp hỏng được giữ lại để kiểm tra.)</source>
        <translation>{exc}

Restore the backup taken at {when}?
(The damaged file is kept for inspection.)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{exc}
Không có bản sao lưu nào còn tốt; hãy gọi bộ phận CNTT.

Hoặc cất tệp hỏng sang {folder} (giữ nguyên để kiểm tra) và bắt đầu lại từ đầu với dữ liệu trống?</source>
        <translation>{exc}
No good backup is left; call IT support.

Or move the damaged file to {folder} (kept as it is for inspection) and start over with empty data?</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Chưa sao lưu được</source>
        <translation>Backup not made</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Tệp triển khai</source>
        <translation>Deployment file</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Không ghi được vào thư mục dữ liệu {folder}; hãy nhờ bộ phận CNTT cấp quyền ghi.</source>
        <translation>Cannot write to the data folder {folder}; ask IT support to grant write permission.</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="../../counter_app/access.py" line="+60"/>
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cán bộ một cửa</source>
        <translation>One-stop officer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tình nguyện viên</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Vai trò «{role}» không được phép thực hiện thao tác này.</source>
        <translation>The role «{role}» may not do this.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hồ sơ này thuộc đơn vị khác.</source>
        <translation>This dossier belongs to another unit.</translation>
    </message>
    <message>
        <location filename="../../counter_app/assisted.py" line="+21"/>
        <source>Đã nộp trực tuyến</source>
        <translation>Filed online</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cần bổ sung giấy tờ</source>
        <translation>Needs more papers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chuyển sang quầy</source>
        <translation>Handed to a counter</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Kết quả hỗ trợ không hợp lệ.</source>
        <translation>Invalid outcome.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nhập mã hồ sơ do Cổng Dịch vụ công cấp.</source>
        <translation>Enter the dossier code given by the Public Service Portal.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ghi rõ giấy tờ công dân cần bổ sung.</source>
        <translation>Say which papers the citizen must add.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chọn nhóm dịch vụ để cấp số thứ tự tại quầy.</source>
        <translation>Choose a service group to issue a queue number at the counter.</translation>
    </message>
    <message>
        <location filename="../../counter_app/backup.py" line="+76"/>
        <source>Bản sao lưu vừa tạo không đạt kiểm tra toàn vẹn; dữ liệu gốc không bị thay đổi.</source>
        <translation>The new backup failed its integrity check; the original data is unchanged.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Bản sao lưu bị hỏng hoặc không phải cơ sở dữ liệu; chưa thay đổi gì.</source>
        <translation>The backup is damaged or not a database; nothing was changed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bản sao lưu được tạo bởi phiên bản mới hơn của ứng dụng; hãy cập nhật ứng dụng trước.</source>
        <translation>The backup was made by a newer version of the app; update the app first.</translation>
    </message>
    <message>
        <location filename="../../counter_app/catalog.py" line="+29"/>
        <source>Bản chính</source>
        <translation>Original</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bản sao</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bản sao có chứng thực</source>
        <translation>Certified copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bản chính hoặc bản sao có chứng thực</source>
        <translation>Original or certified copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xuất trình bản chính</source>
        <translation>Show the original</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trực tuyến toàn trình</source>
        <translation>Fully online</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trực tuyến một phần</source>
        <translation>Partly online</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chỉ nộp trực tiếp</source>
        <translation>In person only</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Không thu</source>
        <translation>No fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mức thu do trung ương quy định</source>
        <translation>Fee set by the central government</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mức thu do HĐND Thành phố quy định</source>
        <translation>Fee set by the city People&apos;s Council</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>Thủ tục {code} (không còn trong danh mục)</source>
        <translation>Procedure {code} (no longer in the catalog)</translation>
    </message>
    <message>
        <location line="+34"/>
        <location filename="../../counter_app/retention.py" line="+133"/>
        <source>Thủ tục không có trong danh mục.</source>
        <translation>The procedure is not in the catalog.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Tệp danh mục {file}: không đọc được JSON ({problem}).</source>
        <translation>Catalog file {file}: cannot read the JSON ({problem}).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tệp danh mục {file}, trường {where}: {problem}.</source>
        <translation>Catalog file {file}, field {where}: {problem}.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Thư mục danh mục {folder} không có tệp .json nào.</source>
        <translation>Catalog folder {folder} has no .json file.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tệp danh mục {file}, thủ tục {code}: thiếu online_steps.</source>
        <translation>Catalog file {file}, procedure {code}: online_steps missing.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tệp danh mục {file}, thủ tục {code}: có lệ phí nhưng thiếu cơ quan quy định mức thu.</source>
        <translation>Catalog file {file}, procedure {code}: a fee without the authority that sets it.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tệp danh mục {file}: mã thủ tục {code} bị trùng.</source>
        <translation>Catalog file {file}: procedure code {code} appears twice.</translation>
    </message>
    <message>
        <location filename="../../counter_app/citizens.py" line="+34"/>
        <source>Ngày sinh không được ở tương lai.</source>
        <translation>The date of birth cannot be in the future.</translation>
    </message>
    <message>
        <location line="+26"/>
        <location filename="../../counter_app/privacy.py" line="+179"/>
        <source>Không tìm thấy công dân.</source>
        <translation>Citizen not found.</translation>
    </message>
    <message>
        <location filename="../../counter_app/db.py" line="+34"/>
        <source>Tệp cơ sở dữ liệu bị hỏng. Hãy khôi phục từ bản sao lưu gần nhất còn tốt.</source>
        <translation>The database file is damaged. Restore the newest good backup.</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Cơ sở dữ liệu được tạo bởi phiên bản mới hơn (lược đồ {found}, ứng dụng này hỗ trợ đến {supported}). Hãy cập nhật ứng dụng; dữ liệu không bị thay đổi.</source>
        <translation>The database was made by a newer version (schema {found}, this app supports up to {supported}). Update the app; the data was not changed.</translation>
    </message>
    <message>
        <location filename="../../counter_app/dossier_states.py" line="+34"/>
        <source>Mới đăng ký</source>
        <translation>Newly registered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Được tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không được tiếp nhận</source>
        <translation>Not received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đang xử lý</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yêu cầu bổ sung giấy tờ</source>
        <translation>Papers requested</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yêu cầu thực hiện nghĩa vụ tài chính</source>
        <translation>Financial obligation requested</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Công dân yêu cầu rút hồ sơ</source>
        <translation>Withdrawn by the citizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dừng xử lý</source>
        <translation>Processing stopped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã xử lý xong</source>
        <translation>Processed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã trả kết quả</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <location filename="../../counter_app/dossiers.py" line="+41"/>
        <source>Trực tiếp tại quầy</source>
        <translation>In person at the counter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trực tuyến có hỗ trợ</source>
        <translation>Online with help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qua bưu chính</source>
        <translation>By post</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Có giấy tờ không thuộc thành phần hồ sơ của thủ tục này.</source>
        <translation>Some papers are not part of this procedure&apos;s dossier.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Số quầy phải từ 1 đến 9 để cấp mã hồ sơ.</source>
        <translation>The counter number must be 1 to 9 to issue dossier codes.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Quầy đã cấp đủ 999 mã hồ sơ trong ngày; hãy tiếp nhận ở quầy khác.</source>
        <translation>This counter has issued 999 dossier codes today; receive at another counter.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Chưa có thông tin người nộp hồ sơ.</source>
        <translation>The applicant&apos;s details are missing.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Kênh tiếp nhận không hợp lệ.</source>
        <translation>Invalid receiving channel.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Còn thiếu giấy tờ bắt buộc: {names}.</source>
        <translation>Required papers missing: {names}.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Thủ tục «{name}» cần thông tin của cả hai bên: nhập người thứ hai.</source>
        <translation>The procedure «{name}» needs both parties: enter the second person.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Không tìm thấy hồ sơ.</source>
        <translation>Dossier not found.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Không thể chuyển hồ sơ từ «{old}» sang «{new}».</source>
        <translation>A dossier cannot move from «{old}» to «{new}».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cần ghi rõ lý do cho thao tác này.</source>
        <translation>Give the reason for this action.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hồ sơ vừa được người khác cập nhật; hãy mở lại để xem trạng thái mới.</source>
        <translation>Someone else just updated this dossier; open it again to see its new state.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Chọn ít nhất một giấy tờ cần bổ sung.</source>
        <translation>Choose at least one paper to request.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Vẫn còn thiếu: {names}.</source>
        <translation>Still missing: {names}.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Chỉ hồ sơ đang giải quyết mới có thể hẹn lại ngày trả kết quả.</source>
        <translation>Only a dossier being processed can get a new due date.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cần ghi rõ lý do chậm trễ.</source>
        <translation>Give the reason for the delay.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ngày hẹn mới phải sau ngày hẹn cũ.</source>
        <translation>The new due date must be after the old one.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Cần số CCCD của người được ủy quyền nhận kết quả.</source>
        <translation>The ID number of the authorised person collecting the result is needed.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Mã hồ sơ chính thức gồm 4–40 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch chéo.</source>
        <translation>The official dossier code has 4–40 unaccented letters, digits, dots, dashes or slashes.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Mã hồ sơ chính thức này đã gắn với hồ sơ {code}.</source>
        <translation>This official code is already attached to dossier {code}.</translation>
    </message>
    <message>
        <location filename="../../counter_app/identity.py" line="+158"/>
        <source>Chưa nhập {what}.</source>
        <translation>Enter the {what}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chỉ được nhập chữ số vào {what}.</source>
        <translation>Only digits are allowed in the {what}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>số CCCD</source>
        <translation>CCCD number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Số 9 chữ số là CMND cũ, hết giá trị từ 01/01/2025: nhập số định danh cá nhân 12 chữ số; số CMND cũ chỉ ghi ở ô «Số CMND cũ» để đối chiếu giấy tờ cũ.</source>
        <translation>A 9-digit number is an old ID card (CMND), invalid since 1 January 2025: enter the 12-digit personal identification number; an old CMND number goes only in the «Former CMND number» field, to cross-check old papers.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Số CCCD phải có đúng 12 chữ số (đang có {n}).</source>
        <translation>The CCCD number must have exactly 12 digits (it has {n}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ba chữ số đầu của số CCCD không phải mã tỉnh hoặc mã quốc gia hợp lệ.</source>
        <translation>The first three digits of the CCCD number are not a valid province or country code.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ba chữ số đầu của số CCCD không được là 000.</source>
        <translation>The first three digits of the CCCD number cannot be 000.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Năm sinh mã hóa trong số CCCD nằm trong tương lai.</source>
        <translation>The birth year encoded in the CCCD number is in the future.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Năm sinh trong số CCCD không khớp với ngày sinh đã nhập.</source>
        <translation>The birth year in the CCCD number does not match the date of birth entered.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Giới tính mã hóa trong số CCCD không khớp với giới tính đã nhập.</source>
        <translation>The sex encoded in the CCCD number does not match the sex entered.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>số CMND cũ</source>
        <translation>former CMND number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Số CMND cũ phải có 9 hoặc 12 chữ số (đang có {n}).</source>
        <translation>A former CMND number has 9 or 12 digits (this one has {n}).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Chưa nhập số điện thoại.</source>
        <translation>Enter the phone number.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chỉ nhận số di động Việt Nam (mã quốc gia +84).</source>
        <translation>Only Vietnamese mobile numbers (country code +84) are accepted.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Số điện thoại chỉ được gồm chữ số.</source>
        <translation>The phone number may contain digits only.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Số di động phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84).</source>
        <translation>A mobile number has 10 digits and starts with 0 (or +84).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đầu số di động không hợp lệ (ví dụ hợp lệ: 090, 091, 032, 086…).</source>
        <translation>Invalid mobile prefix (valid examples: 090, 091, 032, 086…).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chưa nhập họ và tên.</source>
        <translation>Enter the full name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Họ và tên dài quá {n} ký tự.</source>
        <translation>The full name is longer than {n} characters.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Họ và tên không được chứa chữ số.</source>
        <translation>The full name may not contain digits.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Họ và tên chỉ gồm chữ cái và khoảng trắng.</source>
        <translation>The full name may contain only letters and spaces.</translation>
    </message>
    <message>
        <location filename="../../counter_app/privacy.py" line="-148"/>
        <source>Công dân yêu cầu xóa</source>
        <translation>Requested by the citizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hết thời hạn lưu trữ</source>
        <translation>Retention period over</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhập nhầm</source>
        <translation>Entered in error</translation>
    </message>
    <message>
        <location filename="../../counter_app/retention.py" line="-2"/>
        <source>Lĩnh vực không có trong danh mục.</source>
        <translation>The field is not in the catalog.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Phạm vi thời hạn lưu trữ không hợp lệ.</source>
        <translation>Invalid scope of the retention period.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Thời hạn lưu trữ phải từ 1 đến 200 năm.</source>
        <translation>The retention period must be 1 to 200 years.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ghi căn cứ của thời hạn lưu trữ (số, ngày văn bản hoặc quyết định).</source>
        <translation>Give the basis of the retention period (number and date of the document or decision).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Phường chưa sửa thời hạn của lĩnh vực này.</source>
        <translation>The ward has not changed the period of this field.</translation>
    </message>
    <message>
        <location filename="../../counter_app/privacy.py" line="+98"/>
        <source>Không xóa được: công dân còn {n} hồ sơ đang giải quyết. Xóa sau khi hồ sơ đã trả kết quả và hết thời hạn lưu trữ.</source>
        <translation>Cannot erase: the citizen has {n} open dossiers. Erase once their results are returned and their retention period is over.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Không xóa được: {n} hồ sơ thuộc loại lưu trữ vĩnh viễn (ví dụ hộ tịch); dữ liệu phải được giữ theo quy định lưu trữ. Trả lời công dân về giới hạn này.</source>
        <translation>Cannot erase: {n} dossiers are kept permanently (e.g. civil status); the archiving rules require the data to be kept. Tell the citizen about this limit.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Không xóa được: {n} hồ sơ còn trong thời hạn lưu trữ (đến {until:%d/%m/%Y}); dữ liệu phải được giữ theo quy định lưu trữ. Trả lời công dân về giới hạn này.</source>
        <translation>Cannot erase: {n} dossiers are within their retention period (until {until:%d/%m/%Y}); the archiving rules require the data to be kept. Tell the citizen about this limit.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Lý do xóa không hợp lệ.</source>
        <translation>Invalid reason for deletion.</translation>
    </message>
    <message>
        <location filename="../../counter_app/queue.py" line="+36"/>
        <source>Đang chờ</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã gọi</source>
        <translation>Called</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đang phục vụ</source>
        <translation>Being served</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vắng mặt</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã hủy</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Người cao tuổi</source>
        <translation>Elderly person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người khuyết tật</source>
        <translation>Person with a disability</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phụ nữ mang thai</source>
        <translation>Pregnant woman</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người đi cùng trẻ nhỏ</source>
        <translation>With a small child</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phiếu không còn ở trạng thái đã gọi.</source>
        <translation>The ticket is no longer in the called state.</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+213"/>
        <source>Nhóm dịch vụ không tồn tại.</source>
        <translation>The service group does not exist.</translation>
    </message>
    <message>
        <location line="-211"/>
        <source>Lý do ưu tiên không hợp lệ.</source>
        <translation>Invalid priority reason.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Đã hết số phiếu trong ngày cho nhóm này trên máy này.</source>
        <translation>No ticket numbers left today for this group on this PC.</translation>
    </message>
    <message>
        <location line="+86"/>
        <location line="+88"/>
        <source>Không tìm thấy phiếu.</source>
        <translation>Ticket not found.</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>Số phiếu này đã được quầy khác gọi hoặc đã thay đổi.</source>
        <translation>This ticket was called by another counter or has changed.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Phiếu không ở trạng thái đang phục vụ.</source>
        <translation>The ticket is not being served.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Phiếu đã được phục vụ hoặc đã đóng.</source>
        <translation>The ticket was already served or closed.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Chọn quầy hoặc nhóm dịch vụ để chuyển.</source>
        <translation>Choose a counter or a service group to transfer to.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Phiếu đã thuộc nhóm dịch vụ này.</source>
        <translation>The ticket is already in this service group.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chọn một quầy khác quầy này.</source>
        <translation>Choose a counter other than this one.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Phiếu không còn ở quầy này.</source>
        <translation>The ticket is no longer at this counter.</translation>
    </message>
    <message>
        <location filename="../../counter_app/staff.py" line="+30"/>
        <source>Tên đăng nhập hoặc mật khẩu không đúng.</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tài khoản đang tạm khóa do nhập sai nhiều lần; thử lại sau {minutes} phút.</source>
        <translation>The account is locked after too many failed attempts; try again in {minutes} minutes.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mật khẩu phải có ít nhất {n} ký tự.</source>
        <translation>The password must have at least {n} characters.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mật khẩu cần có cả chữ và số (hoặc ký tự khác).</source>
        <translation>The password needs letters and digits (or other characters).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tên đăng nhập gồm 3–40 chữ cái, chữ số hoặc . _ -</source>
        <translation>A username has 3–40 letters, digits or . _ -</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tên đăng nhập đã có người dùng.</source>
        <translation>This username is already taken.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chưa nhập họ tên cán bộ.</source>
        <translation>Enter the officer&apos;s full name.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Đã có tài khoản quản trị; hãy đăng nhập bằng tài khoản đó.</source>
        <translation>An administrator account already exists; sign in with it.</translation>
    </message>
    <message>
        <location line="+84"/>
        <location line="+19"/>
        <source>Không tìm thấy tài khoản.</source>
        <translation>Account not found.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mật khẩu hiện tại không đúng.</source>
        <translation>The current password is wrong.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mật khẩu mới phải khác mật khẩu cũ.</source>
        <translation>The new password must differ from the old one.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Không thể tự khóa tài khoản đang đăng nhập.</source>
        <translation>You cannot lock the account you are signed in with.</translation>
    </message>
    <message>
        <location filename="../../counter_app/units.py" line="+79"/>
        <source>Không có đơn vị hành chính với mã này.</source>
        <translation>No administrative unit has this code.</translation>
    </message>
    <message>
        <location filename="../../sync/client/engine.py" line="+55"/>
        <source>Không kết nối được máy chủ đồng bộ; dữ liệu vẫn được lưu trên máy và sẽ gửi khi có mạng.</source>
        <translation>Cannot reach the sync hub; the data stays saved on this PC and will be sent when the network is back.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Máy chủ đồng bộ từ chối: {reason}</source>
        <translation>The sync hub refused: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy này chưa được đăng ký với máy chủ đồng bộ.</source>
        <translation>This PC is not enrolled with the sync hub.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy chủ đã hoạt động lại; máy này đồng bộ sau {seconds} giây (các máy lần lượt trở lại).</source>
        <translation>The hub is back; this PC syncs in {seconds} s (PCs come back in turn).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Số bản ghi trên máy và máy chủ chưa khớp ({entities}); đã đồng bộ lại toàn bộ.</source>
        <translation>Record counts on this PC and the hub differ ({entities}); everything was synced again.</translation>
    </message>
    <message>
        <location filename="../../sync/client/local.py" line="+35"/>
        <source>Thay đổi trên máy này chưa gửi lên máy chủ; giữ bản trên máy, lưu bản từ máy chủ để đối chiếu.</source>
        <translation>A change on this PC has not been sent yet; the local version is kept and the hub&apos;s version is kept aside for review.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Số {label} đã được gọi ở cả quầy {mine} và quầy {other} lúc các máy không cùng liên lạc được máy chủ; hãy xem công dân đang được quầy nào phục vụ.</source>
        <translation>Ticket {label} was called at both counter {mine} and counter {other} while the PCs could not reach the same hub; check which counter is serving the citizen.</translation>
    </message>
    <message>
        <location filename="../../counter_app/audit_view.py" line="+25"/>
        <source>Đăng nhập</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đăng nhập không thành công</source>
        <translation>Sign-in failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đăng xuất</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tạo tài khoản quản trị đầu tiên</source>
        <translation>Created the first admin account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tạo tài khoản cán bộ</source>
        <translation>Created a staff account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đặt lại mật khẩu</source>
        <translation>Reset a password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đổi mật khẩu</source>
        <translation>Changed the password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khóa tài khoản</source>
        <translation>Locked an account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thêm công dân</source>
        <translation>Added a citizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sửa thông tin công dân</source>
        <translation>Updated a citizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xem thông tin công dân</source>
        <translation>Viewed a citizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Received a dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chuyển trạng thái hồ sơ</source>
        <translation>Moved a dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xin lỗi, hẹn lại ngày trả (Mẫu 04)</source>
        <translation>Apologised, new return date (Form 04)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xem hồ sơ</source>
        <translation>Viewed a dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gắn mã hồ sơ chính thức</source>
        <translation>Set the official dossier code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xem sổ theo dõi hồ sơ (Mẫu 07)</source>
        <translation>Viewed the dossier register (Form 07)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhập danh mục thủ tục</source>
        <translation>Imported the procedure catalog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thêm ngày nghỉ / ngày làm bù</source>
        <translation>Added a day off / make-up day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bỏ ngày nghỉ / ngày làm bù</source>
        <translation>Withdrew a day off / make-up day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ghi nhận hỗ trợ nộp trực tuyến</source>
        <translation>Recorded assisted online filing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xóa dữ liệu cá nhân theo yêu cầu</source>
        <translation>Deleted personal data on request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ẩn danh dữ liệu theo yêu cầu</source>
        <translation>Pseudonymise on request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sửa thời hạn lưu trữ</source>
        <translation>Change a retention period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sửa mức lệ phí</source>
        <translation>Change a fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bỏ mức lệ phí riêng của phường</source>
        <translation>Drop the ward&apos;s own fee amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bỏ thời hạn lưu trữ riêng của phường</source>
        <translation>Drop the ward&apos;s own retention period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tra cứu</source>
        <translation>Searched</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xem nhật ký</source>
        <translation>Viewed the audit trail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sao lưu dữ liệu</source>
        <translation>Backed up the data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khôi phục bản sao lưu</source>
        <translation>Restored a backup</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../counter_app/search_index.py" line="+41"/>
        <source>Công dân</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tài khoản</source>
        <translation>Account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hỗ trợ trực tuyến</source>
        <translation>Assisted filing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Danh mục thủ tục</source>
        <translation>Procedure catalog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lịch làm việc</source>
        <translation>Working calendar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thời hạn lưu trữ</source>
        <translation>Retention period</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tài khoản không có hoặc đã khóa</source>
        <translation>no such account, or deactivated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tài khoản đang tạm khóa</source>
        <translation>account temporarily locked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sai mật khẩu</source>
        <translation>wrong password</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tự đăng xuất</source>
        <translation>signed out themselves</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>không thao tác quá lâu</source>
        <translation>idle too long</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{from_state} → {to_state}</source>
        <translation>{from_state} → {to_state}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vai trò: {role}</source>
        <translation>Role: {role}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lý do: {reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} kết quả</source>
        <translation>{n} results</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} dòng</source>
        <translation>{n} rows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tệp {file}</source>
        <translation>File {file}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thủ tục {procedure}</source>
        <translation>Procedure {procedure}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kết quả: {outcome}</source>
        <translation>Outcome: {outcome}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: {years} năm</source>
        <translation>{field}: {years} years</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: {old} → {new} (số năm lưu trữ); căn cứ: {source}</source>
        <translation>{field}: {old} → {new} (years kept); basis: {source}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thủ tục {procedure}: {old} → {new} (đồng); căn cứ: {source}</source>
        <translation>Procedure {procedure}: {old} → {new} (VND); basis: {source}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vĩnh viễn</source>
        <translation>permanently</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chưa rõ</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lý do: {reason}; {records} bản ghi, {dossiers} hồ sơ</source>
        <translation>Reason: {reason}; {records} records, {dossiers} dossiers</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings.py" line="+37"/>
        <source>Địa chỉ máy chủ không hợp lệ: hãy nhập dạng https://tên-máy-chủ.</source>
        <translation>Invalid server address: enter it as https://server-name.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Máy chủ phải dùng https:// — với http:// mã thiết bị và dữ liệu công dân đi trên mạng không được mã hóa. Chỉ máy chủ chạy ngay trên máy này (localhost) mới được dùng http://.</source>
        <translation>The server must use https:// — over http:// the device token and citizens&apos; data travel unencrypted. Only a server running on this very PC (localhost) may use http://.</translation>
    </message>
    <message>
        <location filename="../../counter_app/storage_errors.py" line="+20"/>
        <source>Ổ đĩa đã đầy nên chưa lưu được; không có gì bị lưu dở. Hãy giải phóng dung lượng (hoặc gọi bộ phận CNTT) rồi thực hiện lại.</source>
        <translation>The disk is full, so nothing was saved; nothing is half-saved. Free some space (or call IT support), then do it again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Không có quyền ghi vào tệp hoặc thư mục dữ liệu nên chưa lưu được; không có gì bị lưu dở. Hãy nhờ bộ phận CNTT cấp lại quyền ghi rồi thực hiện lại.</source>
        <translation>No permission to write the data file or folder, so nothing was saved; nothing is half-saved. Ask IT support to restore write permission, then do it again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ổ đĩa báo lỗi đọc/ghi nên chưa lưu được; không có gì bị lưu dở. Hãy thử lại; nếu lặp lại, gọi bộ phận CNTT.</source>
        <translation>The disk reported a read/write error, so nothing was saved; nothing is half-saved. Try again; if it happens again, call IT support.</translation>
    </message>
    <message>
        <location filename="../../counter_app/forms.py" line="+182"/>
        <source>Không lập được Mẫu số {form} cho hồ sơ ở trạng thái «{state}»: {when}</source>
        <translation>Form {form} cannot be made for a dossier in the state «{state}»: {when}</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>giấy tiếp nhận chỉ lập cho hồ sơ đã được tiếp nhận.</source>
        <translation>the receipt is made only for a received dossier.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>phiếu yêu cầu bổ sung chỉ lập khi hồ sơ đang chờ bổ sung giấy tờ.</source>
        <translation>the request to supplement is made only while the dossier waits for papers.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>phiếu từ chối chỉ lập cho hồ sơ không được tiếp nhận.</source>
        <translation>the refusal is made only for a dossier that was not received.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>văn bản xin lỗi chỉ lập cho hồ sơ đang giải quyết đã được hẹn lại ngày.</source>
        <translation>the apology is made only for an open dossier whose date was moved.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>thông báo dừng giải quyết chỉ lập khi hồ sơ đã dừng xử lý.</source>
        <translation>the notice is made only when handling was stopped.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>phiếu kiểm soát chỉ lập cho hồ sơ đã được tiếp nhận.</source>
        <translation>the control sheet is made only for a received dossier.</translation>
    </message>
    <message>
        <location filename="../../counter_app/parties.py" line="+33"/>
        <source>Ghi rõ quan hệ hoặc giấy ủy quyền của người được ủy quyền.</source>
        <translation>State the authorised person&apos;s relation or authorisation paper.</translation>
    </message>
    <message>
        <location filename="../../counter_app/register.py" line="+96"/>
        <source>Ngày kết thúc phải sau ngày bắt đầu.</source>
        <translation>The end date must be after the start date.</translation>
    </message>
    <message>
        <location filename="../../counter_app/calendar_entries.py" line="+30"/>
        <source>Ngày nghỉ</source>
        <translation>Day off</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ngày làm việc (làm bù)</source>
        <translation>Working day (make-up)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bảng gốc</source>
        <translation>Shipped table</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../counter_app/ward_values.py" line="+22"/>
        <source>Thành phố</source>
        <translation>City</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../counter_app/ward_values.py" line="+1"/>
        <source>Phường (riêng)</source>
        <translation>Ward (local)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Loại ngày không hợp lệ.</source>
        <translation>Invalid kind of day.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nguồn của ngày không hợp lệ.</source>
        <translation>Invalid source of the day.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ghi căn cứ (số, ngày văn bản) của ngày nghỉ hoặc ngày làm bù.</source>
        <translation>Give the basis (document number and date) of the day off or make-up day.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ngày {day:%d/%m/%Y} đã là {what}; không cần thêm.</source>
        <translation>{day:%d/%m/%Y} is already a {what}; nothing to add.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Không tìm thấy ngày đã thêm.</source>
        <translation>The added day was not found.</translation>
    </message>
    <message>
        <location filename="../../counter_app/catalog_admin.py" line="+95"/>
        <source>Danh mục phiên bản {version} đang được dùng; hãy nhập danh mục có phiên bản mới (catalog_version).</source>
        <translation>Catalog version {version} is already in use; import a catalog with a new version (catalog_version).</translation>
    </message>
    <message>
        <location filename="../../sync/client/pinning.py" line="+19"/>
        <source>Dấu vân tay chứng chỉ của máy chủ không khớp với mã CNTT cung cấp: có thể đã kết nối nhầm máy. Chưa đăng ký.</source>
        <translation>The hub&apos;s certificate fingerprint does not match the one IT staff gave: this may be the wrong machine. Not enrolled.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Không lấy được chứng chỉ của máy chủ {host}: {reason}</source>
        <translation>Could not get the certificate of the hub {host}: {reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/deployment.py" line="+23"/>
        <source>Tệp triển khai {path} không đọc được: {reason}</source>
        <translation>The deployment file {path} cannot be read: {reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/fees.py" line="+91"/>
        <source>Nhập mức thu (số tiền, đồng).</source>
        <translation>Enter the amount (in VND).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mức thu phải là số tiền bằng chữ số, ví dụ 100.000 (đồng).</source>
        <translation>The amount must be written in digits, e.g. 100.000 (VND).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mức thu không được âm.</source>
        <translation>The amount cannot be negative.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mức thu quá lớn (tối đa 100.000.000 đồng).</source>
        <translation>The amount is too large (at most 100.000.000 VND).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Lệ phí thủ tục này không do HĐND Thành phố quy định; chỉ thay đổi bằng danh mục mới.</source>
        <translation>This procedure&apos;s fee is not set by the city People&apos;s Council; it changes only with a new catalog.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Ghi căn cứ của mức thu (số, ngày Nghị quyết HĐND Thành phố).</source>
        <translation>Give the basis of the amount (number and date of the city People&apos;s Council resolution).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Phường chưa ghi mức thu riêng cho thủ tục này.</source>
        <translation>The ward has not recorded its own amount for this procedure.</translation>
    </message>
    <message>
        <location filename="../../counter_app/ward_values.py" line="-3"/>
        <source>Mặc định</source>
        <translation>Default</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Danh mục</source>
        <translation>Catalog</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../ui/crash.py" line="+37"/>
        <source>Thao tác chưa thực hiện được</source>
        <translation>The action did not go through</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thao tác vừa rồi gặp một lỗi không lường trước nên chưa thực hiện được.
Những gì đã lưu trước đó vẫn còn nguyên, không bị mất.
Hãy thử lại; nếu vẫn lỗi, báo bộ phận CNTT mã lỗi {reference}.</source>
        <translation>The last action hit an unexpected error and did not go through.
Everything saved before is still there; nothing was lost.
Please try again; if it happens again, tell IT the error code {reference}.</translation>
    </message>
</context>
<context>
    <name>detail</name>
    <message>
        <location filename="../../ui/dossiers/detail.py" line="-206"/>
        <source>Chuyển xử lý</source>
        <translation>Move to processing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yêu cầu bổ sung (Mẫu 02)</source>
        <translation>Supplement request (Form 02)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Từ chối (Mẫu 03)</source>
        <translation>Refuse (Form 03)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yêu cầu nghĩa vụ tài chính</source>
        <translation>Request financial obligation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Công dân rút hồ sơ</source>
        <translation>Citizen withdraws</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dừng xử lý</source>
        <translation>Processing stopped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã xử lý xong</source>
        <translation>Processed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trả kết quả</source>
        <translation>Return result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã bổ sung đủ: tiếp nhận</source>
        <translation>Papers complete: receive</translation>
    </message>
</context>
<context>
    <name>list_page</name>
    <message>
        <location filename="../../ui/dossiers/list_page.py" line="-212"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số CCCD</source>
        <translation>CCCD number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <location filename="../../ui/main_window.py" line="-335"/>
        <source>Ngoại tuyến: chưa cấu hình máy chủ đồng bộ — dữ liệu được lưu an toàn trên máy này.</source>
        <translation>Offline: no sync hub configured — data is saved safely on this PC.</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <location filename="../../ui/ops.py" line="+29"/>
        <location line="+10"/>
        <location line="+21"/>
        <location line="+37"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../ui/form_printing.py" line="+61"/>
        <source>Không tìm thấy máy in</source>
        <translation>Printer not found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không tìm thấy máy in A4 «{name}». Phiếu vẫn được lưu PDF tại:
{path}</source>
        <translation>The A4 printer «{name}» was not found. The form is still saved as PDF at:
{path}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Không có chương trình xem PDF</source>
        <translation>No PDF viewer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy này chưa có chương trình xem PDF, nên phiếu được hiện trong cửa sổ xem trước. Tệp PDF đã lưu tại:
{path}</source>
        <translation>This PC has no PDF viewer, so the form is shown in the preview window. The PDF is saved at:
{path}</translation>
    </message>
</context>
<context>
    <name>sync_panel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="-134"/>
        <source>công dân</source>
        <translation>citizen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hồ sơ</source>
        <translation>dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>giấy tờ</source>
        <translation>paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lịch sử hồ sơ</source>
        <translation>dossier history</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>phiếu</source>
        <translation>ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tài khoản</source>
        <translation>account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nhật ký thao tác</source>
        <translation>audit entry</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Lưu {entity}</source>
        <translation>Save {entity}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ghi {entity}</source>
        <translation>Record {entity}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xóa {entity}</source>
        <translation>Delete {entity}</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>nhóm dịch vụ</source>
        <translation>service group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hỗ trợ trực tuyến</source>
        <translation>online help</translation>
    </message>
</context>
<context>
    <name>ward_values</name>
    <message>
        <location filename="../../ui/ward_value_table.py" line="+47"/>
        <source>(chuyển từ cài đặt máy)</source>
        <translation>(carried over from this PC&apos;s settings)</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <location filename="../../ui/widgets.py" line="+52"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
