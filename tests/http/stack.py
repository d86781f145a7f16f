"""Starts and stops one private Sangdam stack (PostgreSQL, FastCGI programs, nginx) for a test run.

Used as a module by tests/http/run.py, and as a command by tests/run and
tests/browser/run.mjs so that one stack can serve several suites:

    python3 tests/http/stack.py up [ROOT]     start a stack; print VAR=... and PORT=... lines
    python3 tests/http/stack.py down [ROOT]   stop the stack named by env VAR (and PORT), remove VAR
    python3 tests/http/stack.py logs          print the tail of VAR/log/*.log

Only the standard library is used.  Everything runs on 127.0.0.1.
"""

import glob
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ROOT = os.path.dirname(os.path.dirname(HERE))

# Configuration every test stack gets, appended to VAR/sangdam.conf before start.
TEST_CONFIG = [
    "argon2 = min",
    "login_limit = 5",
    # failed log-ins from one client address (any emails) before 429; the default is higher
    "login_limit_address = 8",
    # every browser test signs in and posts from 127.0.0.1, and some HTTP tests send
    # hundreds of requests from one address on purpose (the programs' own limits):
    # nginx's per-address limits would refuse them (test_limits.py checks those limits
    # in a stack of its own, with lowered values)
    "nginx_post_rate = 100000",
    "nginx_post_burst = 100000",
    "nginx_page_rate = 100000",
    "nginx_page_burst = 100000",
]


class StackError(Exception):
    pass


def free_port():
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
    finally:
        sock.close()


class Stack:
    """One running stack: its root (the source tree), VAR folder and port.

    owned is True when this process started the stack and so must stop it;
    False when it attached to a stack that someone else (tests/run) started.
    """

    def __init__(self, root=None, var=None, port=None, owned=True):
        self.root = os.path.abspath(root or DEFAULT_ROOT)
        self.var = var
        self.port = int(port) if port else None
        self.owned = owned
        self.started = False
        self.ctl = os.path.join(self.root, "bin", "sangdamctl")

    # ---- addresses -------------------------------------------------------

    @property
    def host(self):
        return "127.0.0.1"

    @property
    def base_url(self):
        return "http://127.0.0.1:%d" % self.port

    # ---- commands --------------------------------------------------------

    def env(self, **extra):
        env = dict(os.environ)
        env["VAR"] = self.var
        env["PORT"] = str(self.port)
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def sangdamctl(self, *args, input_text=None, timeout=120, check=True, extra_env=None):
        """Runs bin/sangdamctl ARGS with VAR and PORT set; returns CompletedProcess."""
        if not os.path.exists(self.ctl):
            raise StackError("%s does not exist (yet)" % self.ctl)
        proc = subprocess.run(
            [self.ctl] + list(args),
            input=input_text,
            cwd=self.root,
            env=self.env(**(extra_env or {})),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and proc.returncode != 0:
            raise StackError(
                "bin/sangdamctl %s exited %d\n--- stdout\n%s\n--- stderr\n%s"
                % (" ".join(args), proc.returncode, proc.stdout[-4000:], proc.stderr[-4000:])
            )
        return proc

    def start(self, extra_config=()):
        """Fresh VAR, free port, init, test config, start, wait for /healthz."""
        self.var = tempfile.mkdtemp(prefix="sd", dir="/tmp")
        os.chmod(self.var, 0o755)
        self.port = free_port()
        self.owned = True
        self.sangdamctl("init", extra_env={"SANGDAM_PG_FAST": "1"}, timeout=300)
        conf = os.path.join(self.var, "sangdam.conf")
        if not os.path.exists(conf):
            raise StackError("init did not create %s" % conf)
        with open(conf, "a", encoding="utf-8") as out:
            out.write("\n# added by tests/http/stack.py\n")
            for line in list(TEST_CONFIG) + list(extra_config):
                out.write(line + "\n")
        self.started = True
        self.sangdamctl("start", extra_env={"SANGDAM_PG_FAST": "1"}, timeout=300)
        self.wait_healthy(30)

    def wait_healthy(self, seconds):
        deadline = time.time() + seconds
        last = "no answer"
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=5) as resp:
                    body = resp.read().decode("utf-8", "replace").strip()
                    if resp.status == 200 and body == "ok":
                        return
                    last = "%d %r" % (resp.status, body[:80])
            except urllib.error.HTTPError as e:
                last = "%d" % e.code
            except Exception as e:  # connection refused while nginx starts
                last = repr(e)
            time.sleep(0.25)
        raise StackError("GET /healthz not 200 ok within %ds (last: %s)" % (seconds, last))

    def stop(self, remove=True):
        """Stops the stack (if this process owns it) and removes VAR unless KEEP_VAR=1."""
        if not self.owned or not self.var:
            return
        try:
            if self.started or os.path.exists(os.path.join(self.var, "sangdam.conf")):
                self.sangdamctl("stop", timeout=120, check=False)
        finally:
            if remove and os.environ.get("KEEP_VAR") != "1":
                shutil.rmtree(self.var, ignore_errors=True)
            elif os.environ.get("KEEP_VAR") == "1":
                print("# KEEP_VAR=1: stack files kept in %s" % self.var)

    # ---- reading what the stack wrote -------------------------------------

    def conf_path(self):
        return os.path.join(self.var, "sangdam.conf")

    def conf(self):
        """VAR/sangdam.conf as a dict; later lines override earlier ones."""
        values = {}
        try:
            with open(self.conf_path(), encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if not line or line.startswith("#") or "=" not in line:
                        continue
                    key, value = line.split("=", 1)
                    values[key.strip()] = value.strip()
        except OSError:
            pass
        return values

    def login_limit(self):
        try:
            return int(self.conf().get("login_limit", "5"))
        except ValueError:
            return 5

    def login_limit_address(self):
        """Failed log-ins allowed from one address; login_limit when not configured apart."""
        try:
            return int(self.conf().get("login_limit_address", self.login_limit()))
        except ValueError:
            return self.login_limit()

    def mail_dir(self):
        return os.path.join(self.var, "mail")

    def mail_files(self):
        """Paths of the mail files, oldest first."""
        files = [p for p in glob.glob(os.path.join(self.mail_dir(), "*")) if os.path.isfile(p)]
        files.sort(key=lambda p: (os.path.getmtime(p), p))
        return files

    def mails_to(self, address):
        """Texts of the mails whose headers or body name ADDRESS (case-insensitive)."""
        out = []
        for path in self.mail_files():
            with open(path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
            if address.lower() in text.lower():
                out.append(text)
        return out

    def log_tail(self, lines=15):
        chunks = []
        for path in sorted(glob.glob(os.path.join(self.var or "/nonexistent", "log", "*.log"))):
            try:
                with open(path, "rb") as f:
                    data = f.read().decode("utf-8", "replace").splitlines()
            except OSError:
                continue
            chunks.append("==> %s <==" % path)
            chunks.extend(line[:400] for line in data[-lines:])
        return "\n".join(chunks) if chunks else "(no log files under %s/log)" % self.var

    # ---- PostgreSQL, for the few tests that need to reach past HTTP --------

    def pg_data_dir(self):
        """The private cluster's data folder (the one holding postmaster.pid or PG_VERSION)."""
        for marker in ("postmaster.pid", "PG_VERSION"):
            found = glob.glob(os.path.join(self.var, "**", marker), recursive=True)
            found = [f for f in found if os.path.basename(os.path.dirname(f)) != "base"]
            if found:
                return os.path.dirname(sorted(found, key=len)[0])
        raise StackError("no PostgreSQL data folder found under %s" % self.var)

    def pg_socket(self):
        """(socket folder, port) of the private cluster."""
        socks = glob.glob(os.path.join(self.var, "**", ".s.PGSQL.*"), recursive=True)
        socks = [s for s in socks if not s.endswith(".lock")]
        if not socks:
            raise StackError("no PostgreSQL socket found under %s" % self.var)
        sock = socks[0]
        return os.path.dirname(sock), sock.rsplit(".", 1)[1]

    def _as_owner(self, path):
        st = os.stat(path)
        if os.geteuid() != 0 or st.st_uid == 0:
            return []
        return ["setpriv", "--reuid=%d" % st.st_uid, "--regid=%d" % st.st_gid, "--init-groups"]

    def _pg_bindir(self):
        try:
            return subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
        except OSError:
            return "/usr/bin"

    def psql(self, sql, database=None):
        """Runs SQL in the app database as the cluster's owner; returns stdout (tab separated)."""
        data = self.pg_data_dir()
        sockdir, port = self.pg_socket()
        user = pwd.getpwuid(os.stat(data).st_uid).pw_name
        if database is None:
            database = self.app_database()
        cmd = self._as_owner(data) + [
            "psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
            "-h", sockdir, "-p", port, "-U", user, "-d", database, "-c", sql,
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd="/")
        if proc.returncode != 0:
            raise StackError("psql failed: %s" % proc.stderr.strip())
        return proc.stdout

    def app_database(self):
        out = self.psql(
            "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY oid",
            database="postgres",
        )
        names = [n for n in out.split() if n]
        if not names:
            raise StackError("no application database in the private cluster")
        return names[-1] if "sangdam" not in names else "sangdam"

    def pg_ctl(self, action):
        data = self.pg_data_dir()
        cmd = self._as_owner(data) + [os.path.join(self._pg_bindir(), "pg_ctl"), "-D", data, "-w", "-t", "60"]
        if action == "stop":
            cmd += ["-m", "fast", "stop"]
        elif action == "start":
            # Start with the options the cluster ran with last time (postmaster.opts holds
            # the postgres command line: the binary, then its options, -D among them).
            opts_file = os.path.join(data, "postmaster.opts")
            opts = []
            if os.path.exists(opts_file):
                with open(opts_file) as f:
                    words = shlex.split(f.read())[1:]
                i = 0
                while i < len(words):
                    if words[i] == "-D":
                        i += 2
                        continue
                    opts.append(words[i])
                    i += 1
            # the log goes where the cluster's owner can surely write
            cmd += ["-l", os.path.join(data, "restart.log"), "start"]
            if opts:
                cmd += ["-o", " ".join(shlex.quote(o) for o in opts)]
        else:
            raise ValueError(action)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd="/")
        if proc.returncode != 0:
            raise StackError("pg_ctl %s failed: %s%s" % (action, proc.stdout, proc.stderr))


def from_env(root=None):
    """A Stack attached to the one named by SANGDAM_TEST_VAR / SANGDAM_TEST_PORT, or None."""
    var = os.environ.get("SANGDAM_TEST_VAR")
    port = os.environ.get("SANGDAM_TEST_PORT")
    if var and port:
        return Stack(root=root, var=var, port=port, owned=False)
    return None


def main(argv):
    if len(argv) < 2 or argv[1] not in ("up", "down", "logs"):
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[2] if len(argv) > 2 else None
    if argv[1] == "up":
        stack = Stack(root=root)
        try:
            stack.start()
        except Exception as e:
            print("stack start failed: %s" % e, file=sys.stderr)
            print(stack.log_tail(), file=sys.stderr)
            stack.stop()
            return 1
        print("VAR=%s" % stack.var)
        print("PORT=%d" % stack.port)
        return 0
    var = os.environ.get("VAR") or os.environ.get("SANGDAM_TEST_VAR")
    port = os.environ.get("PORT") or os.environ.get("SANGDAM_TEST_PORT") or "0"
    if not var:
        print("VAR is not set", file=sys.stderr)
        return 2
    stack = Stack(root=root, var=var, port=port, owned=True)
    if argv[1] == "logs":
        print(stack.log_tail())
        return 0
    stack.started = True
    stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
