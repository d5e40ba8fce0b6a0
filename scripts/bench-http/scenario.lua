-- One wrk scenario, configured from environment variables so that a single
-- script serves every request shape of scripts/bench-http.sh:
--
--   BENCH_METHOD   HTTP method; GET when unset
--   BENCH_TOKEN    bearer token; no Authorization header when unset
--   BENCH_JSON     request body, sent as application/json
--   BENCH_UPLOAD   path of a file, sent as the multipart/form-data field `file`
--
-- Every connection repeats the same request, built once here. When the run
-- ends, `done` prints one line that the shell script parses:
--
--   BENCH requests=N duration_us=N p50_us=N p99_us=N http_errors=N socket_errors=N
--
-- http_errors counts responses with a status of 400 or above (wrk's own count);
-- socket_errors adds up connect, read, write and timeout errors.

local boundary = "resume-bench-7d1f0c9a4e2b8f63"

local content_types = {
  pdf = "application/pdf",
  docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  doc = "application/msword",
  odt = "application/vnd.oasis.opendocument.text",
  rtf = "application/rtf",
  txt = "text/plain",
}

local function read_bytes(path)
  local handle, err = io.open(path, "rb")
  if not handle then
    error("cannot open upload file: " .. tostring(err))
  end
  local bytes = handle:read("*a")
  handle:close()
  return bytes
end

-- The body of a multipart/form-data request carrying `path` as the field
-- `file`, with the file's bytes unchanged.
local function multipart_body(path)
  local bytes = read_bytes(path)
  if bytes:find(boundary, 1, true) then
    error("the multipart boundary occurs inside " .. path)
  end

  local name = path:match("([^/]+)$")
  local extension = (name:match("%.([%w]+)$") or ""):lower()
  local content_type = content_types[extension] or "application/octet-stream"

  return table.concat({
    "--", boundary, "\r\n",
    'Content-Disposition: form-data; name="file"; filename="', name, '"\r\n',
    "Content-Type: ", content_type, "\r\n",
    "\r\n",
    bytes, "\r\n",
    "--", boundary, "--\r\n",
  })
end

wrk.method = os.getenv("BENCH_METHOD") or "GET"

local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local json = os.getenv("BENCH_JSON")
local upload = os.getenv("BENCH_UPLOAD")
if upload and upload ~= "" then
  wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
  wrk.body = multipart_body(upload)
elseif json and json ~= "" then
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = json
end

function done(summary, latency, _requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%.0f duration_us=%.0f p50_us=%.0f p99_us=%.0f http_errors=%.0f socket_errors=%.0f\n",
    summary.requests,
    summary.duration,
    latency:percentile(50),
    latency:percentile(99),
    errors.status,
    errors.connect + errors.read + errors.write + errors.timeout
  ))
end
