#!/usr/bin/env python3
"""Memory of one Sangdam stack: every process whose command line names VAR (the
programs' -c VAR/sangdam.conf, nginx's -p VAR/nginx/, PostgreSQL's -D VAR/pg) and
all their descendants (program workers, nginx workers, PostgreSQL backends).

    python3 tests/bench/stackmem.py VAR            one line: processes, RSS sum MiB, PSS sum MiB
    python3 tests/bench/stackmem.py VAR --by-name  the same per program, then the total

RSS counts shared pages (PostgreSQL's shared buffers, libraries) once per process,
so the RSS sum overstates what the stack takes; PSS shares them out and adds up to
the real footprint. Reading other users' /proc/PID/smaps_rollup needs root; without
it PSS is shown as 0."""

import os
import sys


def processes():
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                stat = f.read()
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        out[int(pid)] = {"ppid": int(fields[1]), "cmdline": cmdline}
    return out


def kib(pid, path, key):
    try:
        with open("/proc/%d/%s" % (pid, path)) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def name_of(cmdline):
    first = cmdline.split(" ", 1)[0]
    if first.startswith("postgres") or "/postgres" in first:
        return "postgresql"
    if first.startswith("nginx"):
        return "nginx"
    return os.path.basename(first) or "?"


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    var = os.path.realpath(argv[1])
    procs = processes()
    chosen = {pid for pid, p in procs.items()
              if var + "/" in p["cmdline"] + "/" and p["cmdline"] and pid != os.getpid()}
    grew = True
    while grew:
        grew = False
        for pid, p in procs.items():
            if pid not in chosen and p["ppid"] in chosen:
                chosen.add(pid)
                grew = True
    groups = {}
    for pid in chosen:
        name = name_of(procs[pid]["cmdline"])
        if procs[pid]["cmdline"] and procs[pid]["cmdline"].startswith("postgres:"):
            name = "postgresql"
        g = groups.setdefault(name, [0, 0, 0])
        g[0] += 1
        g[1] += kib(pid, "status", "VmRSS")
        g[2] += kib(pid, "smaps_rollup", "Pss")
    total = [sum(g[i] for g in groups.values()) for i in range(3)]
    if "--by-name" in argv:
        for name in sorted(groups):
            g = groups[name]
            print("%-12s %3d processes  RSS %7.1f MiB  PSS %7.1f MiB" % (name, g[0], g[1] / 1024, g[2] / 1024))
        print("%-12s %3d processes  RSS %7.1f MiB  PSS %7.1f MiB" % ("total", total[0], total[1] / 1024,
                                                                    total[2] / 1024))
    else:
        print("%d %.1f %.1f" % (total[0], total[1] / 1024, total[2] / 1024))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
