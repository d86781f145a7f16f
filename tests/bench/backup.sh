#!/usr/bin/env bash
# Backup bench (EXP-4), run by tests/bench/run on its seeded stack, or alone on any
# stack: the rate of a bare `COPY (SELECT ...) TO STDOUT` of an account's messages
# (the SELECT of exports_copy_messages in src/db_exports.c, written out below: keep
# the two equal) against the worker's CSV, JSON Lines and zip backups of the same
# rows; each backup's time, messages/s, ratio to the faster COPY, the worker's peak RSS
# (VmHWM of a worker started fresh for each format) and the file's size.
#
#   VAR=... PORT=... BENCH_ACCOUNT_ID=N tests/bench/backup.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd -P)
: "${VAR:?set VAR}" "${PORT:?set PORT}" "${BENCH_ACCOUNT_ID:?set BENCH_ACCOUNT_ID}"
export VAR PORT
account=$BENCH_ACCOUNT_ID

ctl() { "$ROOT/bin/sangdamctl" "$@"; }
sql() { ctl psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

messages=$(sql -c "SELECT count(*) FROM messages WHERE account_id = $account")

# The yardstick: the same rows, the same columns, through COPY (text format) to psql.
copy_sql="COPY (SELECT m.id, a.code, m.room_id, r.name, c.key_hash, c.number, c.display_name,
    r.ref, r.referrer, to_char(m.created_at AT TIME ZONE a.time_zone, 'YYYY-MM-DD HH24:MI:SS'),
    to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),
    CASE m.sender WHEN 'agent' THEN 'member' WHEN 'system' THEN 'automatic' ELSE 'customer' END,
    coalesce(p.email, m.sender_email, ''), coalesce(p.name, m.sender_name, ''), m.kind, m.body,
    coalesce(f.display_name, ''),
    CASE WHEN f.id IS NULL THEN '' ELSE 'attachments/' || f.id || '/' || CASE WHEN f.display_name
    IN ('', '.', '..') THEN 'file' ELSE translate(f.display_name, '/\\:', '___') END END,
    coalesce(f.mime, ''), coalesce(f.size::text, '')
    FROM messages m JOIN accounts a ON a.id = m.account_id JOIN rooms r ON r.id = m.room_id
    JOIN customers c ON c.id = r.customer_id LEFT JOIN partners p ON p.id = m.partner_id
    LEFT JOIN attachments f ON f.id = m.attachment_id
    WHERE m.account_id = $account ORDER BY m.created_at, m.id) TO STDOUT"
# Timed twice: in a snapshot with the settings the worker's export gives its
# statements (DB_EXPORTS_SCOPE in src/db_exports.c: keep these equal too),
# and with the planner's own; the yardstick is the faster of the two.
settings=(-c "SET LOCAL enable_hashjoin = off" -c "SET LOCAL enable_mergejoin = off"
    -c "SET LOCAL enable_seqscan = off" -c "SET LOCAL jit = off"
    -c "SET LOCAL max_parallel_workers_per_gather = 0")
copy() { sql -c "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" "$@" -c "$copy_sql" -c "COMMIT"; }
copy "${settings[@]}" >/dev/null # warm the cache as the backups find it
start=$(now)
copy_bytes=$(copy "${settings[@]}" | wc -c)
copy_seconds=$(seconds "$start" "$(now)")
start=$(now)
planner_bytes=$(copy | wc -c)
planner_seconds=$(seconds "$start" "$(now)")
rate() { awk -v n="$messages" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
copy_rate=$(rate "$copy_seconds")
planner_rate=$(rate "$planner_seconds")
best_rate=$(( copy_rate > planner_rate ? copy_rate : planner_rate ))
ratio() { awk -v a="$1" -v b="$best_rate" 'BEGIN { printf "%.2f", a / b }'; }

printf '\nbackup bench: %s messages of account %s; %s CPUs\n' "$messages" "$account" "$(nproc)"
printf '%-26s %9s %12s %9s %12s %14s\n' "what" "seconds" "messages/s" "vs COPY" "peak RSS MiB" "bytes"
printf '%-26s %9s %12s %9s %12s %14s\n' "bare COPY, backup's plan" "$copy_seconds" "$copy_rate" \
    "$(ratio "$copy_rate")" "-" "$copy_bytes"
printf '%-26s %9s %12s %9s %12s %14s\n' "bare COPY, planner's own" "$planner_seconds" \
    "$planner_rate" "$(ratio "$planner_rate")" "-" "$planner_bytes"

for format in csv jsonl zip; do
    # a fresh worker, so that its VmHWM is this backup's peak
    pid=$(cat "$VAR/run/worker.pid")
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    ctl start >/dev/null 2>&1
    pid=$(cat "$VAR/run/worker.pid")
    id=$(sql -c "WITH b AS (INSERT INTO backups (account_id, account_code, scope, reason, format)
        SELECT id, code, 'account', 'operator', '$format' FROM accounts WHERE id = $account
        RETURNING id, account_id), j AS (INSERT INTO jobs (kind, account_id, payload)
        SELECT 'backup', account_id, jsonb_build_object('backup', id) FROM b)
        SELECT id FROM b" | head -n 1)
    sql -c "NOTIFY sangdam_jobs, 'job'" >/dev/null
    # one session that sleeps between looks: a psql started every 0.2 s took
    # a fifth of the two CPUs the backup runs on (the time is the database's)
    sql -c "DO \$\$ BEGIN WHILE (SELECT status FROM backups WHERE id = $id)
        IN ('queued', 'running') LOOP PERFORM pg_sleep(0.2); END LOOP; END \$\$"
    status=$(sql -c "SELECT status FROM backups WHERE id = $id")
    size=$(sql -c "SELECT coalesce(size, 0) FROM backups WHERE id = $id")
    # from the request (the worker wakes on the NOTIFY) to the ready file
    took=$(sql -c "SELECT round(extract(epoch FROM finished_at - created_at)::numeric, 2)
        FROM backups WHERE id = $id")
    rss=$(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")
    printf '%-26s %9s %12s %9s %12s %14s\n' "backup $format ($status)" "$took" "$(rate "$took")" \
        "$(ratio "$(rate "$took")")" "$rss" "$size"
done
echo "targets: a backup >= 0.50 of the faster bare COPY's messages/s; the worker < 64 MiB peak RSS"
