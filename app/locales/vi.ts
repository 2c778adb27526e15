/**
 * Vietnamese, the source catalogue. Keys are grouped by where they appear.
 * Keep text in Unicode NFC (the content check and a unit test enforce it).
 */
export const vi = {
  "app.name": "Học Số",
  "app.tagline": "Kỹ năng số cho mọi người",
  "app.description":
    "Học Số là nền tảng học trực tuyến mở về kỹ năng số và chuyển đổi số, dành cho người dân, cán bộ, công chức và người hướng dẫn.",

  "nav.label": "Điều hướng chính",
  "nav.home": "Trang chủ",
  "nav.courses": "Khoá học",
  "nav.skipToContent": "Bỏ qua, đến nội dung chính",

  "language.label": "Ngôn ngữ",
  "language.other": "English",
  "language.otherCode": "en",

  "footer.about": "Học Số là phần mềm nguồn mở phục vụ phổ cập kỹ năng số.",
  "footer.verify": "Xác minh chứng nhận: quét mã QR trên chứng nhận hoặc mở liên kết in kèm.",

  "home.title": "Học kỹ năng số, từng bước một",
  "home.lead":
    "Các bài học ngắn, dễ hiểu, đọc được trên điện thoại kể cả khi mạng yếu. Học miễn phí, không cần tài khoản; đăng ký để lưu tiến độ và nhận chứng nhận.",
  "home.cta": "Xem các khoá học",
  "home.audiences": "Học Số dành cho ai?",
  "home.residents.title": "Người dân",
  "home.residents.body":
    "Dùng dịch vụ công trực tuyến, mua bán và thanh toán trên mạng, dùng điện thoại an toàn. Tổ công nghệ số cộng đồng có thể cùng bạn học.",
  "home.officials.title": "Cán bộ, công chức",
  "home.officials.body":
    "Học các khoá bắt buộc về chuyển đổi số, chính phủ số, an toàn thông tin, dữ liệu và thanh toán số; chứng nhận ghi rõ số giờ và năng lực.",
  "home.trainers.title": "Người hướng dẫn",
  "home.trainers.body":
    "Soạn bài học bằng tệp văn bản, kiểm tra bằng một lệnh và theo dõi kết quả của người học.",

  "notFound.title": "Không tìm thấy trang",
  "notFound.body": "Địa chỉ này không có trên Học Số. Có thể liên kết đã cũ hoặc gõ nhầm.",
  "notFound.home": "Về trang chủ",
  "notFound.courses": "Xem danh sách khoá học",

  "error.title": "Đã có lỗi xảy ra",
  "error.body": "Học Số gặp sự cố khi mở trang này. Bạn hãy thử lại sau ít phút.",
  "error.badRequest": "Yêu cầu không hợp lệ. Bạn hãy kiểm tra lại địa chỉ hoặc thông tin đã nhập.",
  "error.retry": "Thử lại",
  "error.status": "Mã lỗi {status}",

  "http.tooLarge": "Dữ liệu gửi lên quá lớn. Bạn hãy gửi ít hơn hoặc chia thành nhiều lần.",
  "http.crossSite": "Yêu cầu này không đến từ trang Học Số nên đã bị từ chối. Bạn hãy mở lại trang và thử lại.",
  "http.lengthRequired": "Yêu cầu thiếu độ dài dữ liệu nên không thể xử lý. Bạn hãy gửi lại biểu mẫu từ trình duyệt.",
} as const;
