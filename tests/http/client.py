"""A small browser-like HTTP client for the tests, on http.client alone.

It keeps cookies (honouring Path, Max-Age and Expires), never follows redirects
by itself (tests assert the 303 and its Location; follow() does it on request),
reads the `csrf` hidden input of the last HTML page, encodes urlencoded and
multipart bodies, and can send raw requests with any method, headers and body.

Every response is recorded in RESPONSES so that the runner can check, at the
end, that no request of the whole run was answered with a 5xx.

Each Client connects from its own loopback source address (127.0.1.x) unless
told otherwise, so that per-address sign-in throttling in one test does not
spill into another test, nor into the browser suite (which uses 127.0.0.1).
"""

import email.utils
import html
import html.parser
import http.client
import itertools
import re
import secrets
import threading
import time
import urllib.parse

# (method, target, status, expected_5xx) of every response in this run
RESPONSES = []
_responses_lock = threading.Lock()

_address_counter = itertools.count(1)
_address_lock = threading.Lock()


def next_source_address():
    """A fresh loopback address 127.0.X.Y (X >= 1) for the next client."""
    with _address_lock:
        n = next(_address_counter)
    return "127.0.%d.%d" % (1 + n // 250, 1 + n % 250)


def unique_email(tag="p"):
    return "%s-%s@example.com" % (tag, secrets.token_hex(5))


# ---------------------------------------------------------------------------
# responses


class Response:
    def __init__(self, method, target, status, reason, headers, body):
        self.method = method
        self.target = target
        self.status = status
        self.reason = reason
        self.header_list = headers  # [(name, value)] as received
        self.body = body

    def header(self, name, default=None):
        """The first header NAME (case-insensitive), or default."""
        name = name.lower()
        for k, v in self.header_list:
            if k.lower() == name:
                return v
        return default

    def headers(self, name):
        name = name.lower()
        return [v for k, v in self.header_list if k.lower() == name]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.header("Location")

    @property
    def location_path(self):
        """Path (and query) of the Location header, with any scheme and host removed."""
        loc = self.location
        if loc is None:
            return None
        parts = urllib.parse.urlsplit(loc)
        path = parts.path or "/"
        return path + ("?" + parts.query if parts.query else "")

    def is_html(self):
        return "text/html" in (self.header("Content-Type") or "")

    def csrf(self):
        return find_csrf(self.text) if self.is_html() else None

    def describe(self, body_chars=600):
        """A short account of the exchange for assertion messages."""
        hdrs = "; ".join("%s: %s" % (k, v) for k, v in self.header_list
                         if k.lower() in ("location", "content-type", "allow", "set-cookie",
                                          "cache-control", "content-security-policy"))
        body = self.text
        body = re.sub(r"\s+", " ", body)[:body_chars]
        return "%s %s -> %d %s [%s] body: %s" % (self.method, self.target[:200], self.status,
                                                 self.reason, hdrs, body)

    def __repr__(self):
        return "<Response %s>" % self.describe(120)


# ---------------------------------------------------------------------------
# HTML helpers


class _InputCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inputs = []  # attribute dicts of <input>, <textarea>, <select>, <button>
        self.forms = []   # attribute dicts of <form>, each with "_inputs"
        self._form = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            a["_inputs"] = []
            self.forms.append(a)
            self._form = a
        elif tag in ("input", "textarea", "select", "button"):
            a["_tag"] = tag
            self.inputs.append(a)
            if self._form is not None:
                self._form["_inputs"].append(a)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def parse_inputs(page):
    p = _InputCollector()
    p.feed(page)
    p.close()
    return p


def find_csrf(page):
    """The value of the first hidden input named csrf, or None."""
    for a in parse_inputs(page).inputs:
        if a.get("name") == "csrf":
            return a.get("value")
    return None


def input_value(page, name):
    """The value= of the first input named NAME (entities decoded), or None."""
    for a in parse_inputs(page).inputs:
        if a.get("name") == name and a.get("_tag") == "input":
            return a.get("value")
    return None


def forms(page):
    return parse_inputs(page).forms


def html_lang(page):
    m = re.search(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z-]+)", page, re.I)
    return m.group(1).lower() if m else None


# ---------------------------------------------------------------------------
# body encoders


def urlencode(fields):
    """fields: dict or list of (name, value); values str or bytes."""
    items = fields.items() if isinstance(fields, dict) else fields
    out = []
    for k, v in items:
        if isinstance(v, bytes):
            v = urllib.parse.quote_from_bytes(v, safe="")
        else:
            v = urllib.parse.quote(str(v), safe="")
        out.append(urllib.parse.quote(str(k), safe="") + "=" + v)
    return "&".join(out).encode("ascii")


class File:
    def __init__(self, filename, content, content_type="application/octet-stream"):
        self.filename = filename
        self.content = content if isinstance(content, bytes) else content.encode("utf-8")
        self.content_type = content_type


def multipart(fields, files=None, boundary=None):
    """Returns (body bytes, content type). files: dict or list of (name, File)."""
    boundary = boundary or "----sangdamtest" + secrets.token_hex(12)
    items = list(fields.items() if isinstance(fields, dict) else fields)
    file_items = list((files or {}).items() if isinstance(files, dict) else (files or []))
    out = []
    for name, value in items:
        if isinstance(value, File):
            file_items.append((name, value))
            continue
        if not isinstance(value, bytes):
            value = str(value).encode("utf-8")
        out.append(b"--" + boundary.encode() + b"\r\n")
        out.append(b'Content-Disposition: form-data; name="' + name.encode("utf-8") + b'"\r\n\r\n')
        out.append(value + b"\r\n")
    for name, f in file_items:
        out.append(b"--" + boundary.encode() + b"\r\n")
        out.append(b'Content-Disposition: form-data; name="' + name.encode("utf-8") +
                   b'"; filename="' + f.filename.encode("utf-8") + b'"\r\n')
        out.append(b"Content-Type: " + f.content_type.encode() + b"\r\n\r\n")
        out.append(f.content + b"\r\n")
    out.append(b"--" + boundary.encode() + b"--\r\n")
    return b"".join(out), "multipart/form-data; boundary=" + boundary


# ---------------------------------------------------------------------------
# cookies


class Cookie:
    def __init__(self, name, value, attrs, raw):
        self.name = name
        self.value = value
        self.attrs = attrs  # lower-case attribute name -> value ("" for flags)
        self.raw = raw
        self.path = attrs.get("path") or "/"
        self.expires = None  # epoch seconds or None for a session cookie
        if "max-age" in attrs:
            try:
                self.expires = time.time() + int(attrs["max-age"])
            except ValueError:
                pass
        elif "expires" in attrs:
            t = email.utils.parsedate_tz(attrs["expires"])
            if t:
                self.expires = email.utils.mktime_tz(t)

    @property
    def http_only(self):
        return "httponly" in self.attrs

    @property
    def same_site(self):
        return self.attrs.get("samesite")

    def expired(self):
        return self.expires is not None and self.expires <= time.time()

    def matches(self, path):
        p = self.path
        if path == p:
            return True
        if path.startswith(p):
            return p.endswith("/") or path[len(p)] == "/"
        return False


def parse_set_cookie(raw):
    parts = raw.split(";")
    name, _, value = parts[0].strip().partition("=")
    attrs = {}
    for part in parts[1:]:
        k, _, v = part.strip().partition("=")
        if k:
            attrs[k.strip().lower()] = v.strip()
    return Cookie(name.strip(), value.strip(), attrs, raw)


# ---------------------------------------------------------------------------
# the client


def browser_target(target):
    """TARGET with the characters a browser would not send as they are percent-encoded."""
    return re.sub(r'[^\x21-\x7e]|["<>`{}|\\^]',
                  lambda m: urllib.parse.quote(m.group(0), safe=""), target)


class Client:
    def __init__(self, stack_or_base, source_address=None, timeout=30):
        if isinstance(stack_or_base, str):
            parts = urllib.parse.urlsplit(stack_or_base)
            self.host, self.port = parts.hostname, parts.port or 80
        else:
            self.host, self.port = stack_or_base.host, stack_or_base.port
        if source_address is None:
            source_address = next_source_address()
        self.source_address = source_address or None  # "" means the system's choice
        self.timeout = timeout
        self.cookies = {}  # (name, path) -> Cookie
        self.last = None  # last Response
        self.last_page = None  # last HTML Response
        self.default_headers = {"User-Agent": "sangdam-tests/1", "Accept-Language": "ko-KR,ko;q=0.9"}

    # ---- cookies ----

    def cookie_header(self, path):
        now_valid = [c for c in self.cookies.values() if not c.expired() and c.matches(path)]
        now_valid.sort(key=lambda c: -len(c.path))
        return "; ".join("%s=%s" % (c.name, c.value) for c in now_valid)

    def store_cookies(self, resp):
        for raw in resp.headers("Set-Cookie"):
            c = parse_set_cookie(raw)
            key = (c.name, c.path)
            if c.expired() or (c.value == "" and "max-age" in c.attrs):
                self.cookies.pop(key, None)
            else:
                self.cookies[key] = c

    def cookie(self, name):
        for (n, _), c in self.cookies.items():
            if n == name and not c.expired():
                return c
        return None

    def cookie_values(self):
        return {n: c.value for (n, _), c in self.cookies.items() if not c.expired()}

    def copy_cookies_from(self, other):
        self.cookies = {k: parse_set_cookie(c.raw) for k, c in other.cookies.items()}

    def clone(self, same_address=True):
        """A second client holding the same cookies (a saved or stolen jar); by default it
        connects from the same address, so that a refusal cannot come from an address check."""
        c = Client("http://%s:%d" % (self.host, self.port), timeout=self.timeout,
                   source_address=(self.source_address or "") if same_address else None)
        c.copy_cookies_from(self)
        return c

    # ---- requests ----

    def request(self, method, target, body=None, headers=None, send_cookies=True,
                expect_5xx=False, content_type=None):
        """One request, no redirects followed. Returns Response. As a browser does, the
        target's spaces, controls, non-ASCII and "<>`{}| are percent-encoded (UTF-8);
        % is sent as it is, so tests can send %00 or %FF themselves."""
        target = browser_target(target)
        if isinstance(body, (dict, list)):
            body = urlencode(body)
            content_type = content_type or "application/x-www-form-urlencoded"
        hdrs = dict(self.default_headers)
        path_only = urllib.parse.urlsplit(target).path or "/"
        if send_cookies:
            ch = self.cookie_header(path_only)
            if ch:
                hdrs["Cookie"] = ch
        if content_type:
            hdrs["Content-Type"] = content_type
        if headers:
            for k, v in headers.items():
                if v is None:
                    hdrs.pop(k, None)
                else:
                    hdrs[k] = v
        src = (self.source_address, 0) if self.source_address else None
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout, source_address=src)
        try:
            conn.putrequest(method, target, skip_accept_encoding=True)
            for k, v in hdrs.items():
                conn.putheader(k, v)
            if body is not None and not any(k.lower() == "content-length" for k in hdrs):
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders()
            if body:
                try:
                    conn.send(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the server may answer (413) and close before reading it all
            r = conn.getresponse()
            data = r.read()
            resp = Response(method, target, r.status, r.reason, r.getheaders(), data)
        finally:
            conn.close()
        with _responses_lock:
            RESPONSES.append((method, target[:200], resp.status, expect_5xx))
        self.store_cookies(resp)
        self.last = resp
        if resp.is_html() and method != "HEAD":
            self.last_page = resp
        return resp

    def get(self, target, **kw):
        return self.request("GET", target, **kw)

    def head(self, target, **kw):
        return self.request("HEAD", target, **kw)

    def csrf(self):
        """csrf token from the last HTML page, or None."""
        return self.last_page.csrf() if self.last_page is not None else None

    def post(self, target, fields=None, csrf=True, **kw):
        """urlencoded POST. csrf=True adds the token of the last page (if any and if
        the fields lack one); csrf=False sends none; a string sends that token."""
        items = list((fields or {}).items() if isinstance(fields, dict) else (fields or []))
        if csrf is True:
            if not any(k == "csrf" for k, _ in items):
                token = self.csrf()
                if token is not None:
                    items.append(("csrf", token))
        elif isinstance(csrf, str):
            items.append(("csrf", csrf))
        return self.request("POST", target, body=urlencode(items),
                            content_type="application/x-www-form-urlencoded", **kw)

    def post_multipart(self, target, fields=None, files=None, csrf=True, **kw):
        items = list((fields or {}).items() if isinstance(fields, dict) else (fields or []))
        if csrf is True:
            if not any(k == "csrf" for k, _ in items):
                token = self.csrf()
                if token is not None:
                    items.append(("csrf", token))
        elif isinstance(csrf, str):
            items.append(("csrf", csrf))
        body, ctype = multipart(items, files)
        return self.request("POST", target, body=body, content_type=ctype, **kw)

    def submit(self, page, target, fields=None, **kw):
        """As a browser: GET PAGE (to get its csrf token), then POST FIELDS to TARGET."""
        r = self.get(page)
        if r.status != 200:
            raise AssertionError("GET %s for its form: %s" % (page, r.describe()))
        if r.csrf() is None:
            raise AssertionError("no hidden csrf input on %s: %s" % (page, r.describe()))
        return self.post(target, fields, **kw)

    def follow(self, resp=None, limit=10):
        """Follows redirects starting at RESP (default: last response) with GET."""
        resp = resp or self.last
        n = 0
        while resp.status in (301, 302, 303, 307, 308) and resp.location:
            n += 1
            if n > limit:
                raise AssertionError("too many redirects from %s" % resp.target)
            resp = self.get(resp.location_path)
        return resp

    # ---- raw bytes on a socket, for requests http.client will not send ----

    def raw(self, data, expect_5xx=False, read_timeout=15):
        """Sends DATA (bytes: request line, headers and body as they should go) and returns
        (status or None, raw response bytes)."""
        import socket
        s = socket.create_connection((self.host, self.port), timeout=read_timeout,
                                     source_address=(self.source_address, 0) if self.source_address else None)
        try:
            try:
                s.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass
            chunks = []
            while True:
                try:
                    b = s.recv(65536)
                except (socket.timeout, ConnectionResetError):
                    break
                if not b:
                    break
                chunks.append(b)
            out = b"".join(chunks)
        finally:
            s.close()
        m = re.match(rb"HTTP/1\.[01] (\d{3})", out)
        status = int(m.group(1)) if m else None
        with _responses_lock:
            RESPONSES.append(("RAW", data[:60].decode("latin-1"), status or 0, expect_5xx))
        return status, out


def new_client(stack, **kw):
    return Client(stack, **kw)
