-- wrk script: POST the bytes of the file named by $BODY_FILE as application/json, on every request.
-- bench/http.sh writes that file (a 600-byte message with one unknown topic) and uses this script
-- for okno (/api/v1/messages) and for nginx (/post) alike.
local path = os.getenv("BODY_FILE") or error("BODY_FILE is not set")
local file = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
