import OknoHTTP
var router = Router()
router.get("/health", .inline { _ in HTTPResponse(status: 200, contentType: "application/json", body: Array("{\"status\":\"ok\"}".utf8)) })
router.post("/echo", .blocking { r in HTTPResponse(status: 200, contentType: "text/plain", body: r.body) })
let server = HTTPServer(configuration: HTTPServerConfiguration(port: 8089, accessLog: false), router: router)
try server.start()
server.waitUntilStopped()
