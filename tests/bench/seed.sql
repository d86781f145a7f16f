-- Bench data for one account: :rooms customers, each with one room of 10 messages
-- (1,000,000 messages for 100,000 rooms), over the last 90 days. Rooms agree with
-- their messages: last_message_at/text are those of the room's last message, and the
-- status follows who wrote last (the customer: unread or unanswered; a member:
-- answered, some completed). Run by tests/bench/run with psql variables
-- account_id, partner_id and rooms.
\set ON_ERROR_STOP 1
SET maintenance_work_mem = '256MB';
SET synchronous_commit = off;

BEGIN;

-- The tab counts' trigger (migration 0028) waits; the rooms are counted once
-- at the end.
SELECT room_status_counts_pause();

-- Bulk loading is much faster without the secondary indexes: keep their
-- definitions, drop them, load, and build them again from the same text.
CREATE TEMP TABLE bench_indexes AS
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i
    WHERE i.indrelid IN ('messages'::regclass, 'rooms'::regclass, 'customers'::regclass,
                         'room_search'::regclass)
      AND NOT i.indisprimary AND NOT i.indisunique
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
SELECT format('DROP INDEX %s', name) FROM bench_indexes \gexec

-- The search keys (room_search, migrations 0013, 0029 and 0035) are kept by
-- triggers, one update per message that brings new terms; here they are
-- computed once per distinct set of texts instead.
ALTER TABLE rooms DISABLE TRIGGER rooms_search_insert;
ALTER TABLE messages DISABLE TRIGGER messages_search_text;

-- Sample texts, Korean and English, as customers and agents write them.
CREATE TEMP TABLE bench_texts (n int PRIMARY KEY, customer text, agent text);
INSERT INTO bench_texts VALUES
 (0, '안녕하세요, 주문한 상품이 아직 도착하지 않았어요.', '안녕하세요 고객님, 주문 번호를 알려주시면 바로 확인해 드리겠습니다.'),
 (1, '주문번호는 20240517-1123 입니다. 언제쯤 받을 수 있을까요?', '확인해 보니 내일 오전 중 배송 예정입니다. 불편을 드려 죄송합니다.'),
 (2, '사이즈 교환이 가능한가요? M을 L로 바꾸고 싶어요.', '네, 가능합니다. 마이페이지에서 교환 신청을 해 주시면 회수 기사님이 방문합니다.'),
 (3, 'Is the store open on Sunday?', 'Yes, we are open from 10:00 to 18:00 on Sundays.'),
 (4, '예약 시간을 3시에서 5시로 변경할 수 있을까요?', '5시로 변경해 드렸습니다. 방문 전에 문자로 한 번 더 안내드릴게요.'),
 (5, '쿠폰이 적용되지 않아요. 결제 화면에서 오류가 납니다.', '쿠폰 사용 조건이 3만원 이상 결제라서 적용되지 않은 것 같습니다. 다시 확인 부탁드립니다.'),
 (6, '환불은 며칠 걸리나요?', '카드 결제는 영업일 기준 3~5일 안에 취소 처리됩니다.'),
 (7, 'Can I pick up my order at the shop instead of delivery?', 'Of course. Your order will be ready for pick-up after 2 pm today.'),
 (8, '감사합니다! 잘 받았어요 :)', '이용해 주셔서 감사합니다. 좋은 하루 보내세요!'),
 (9, '재입고 알림은 어떻게 신청하나요?', '상품 페이지의 "재입고 알림" 버튼을 누르시면 입고 즉시 알림을 보내 드립니다.');

-- Customers 1..rooms, numbered; their key hashes are unique placeholders (the
-- bench's posting customers come through the chat page with real keys).
INSERT INTO customers (account_id, key_hash, number, display_name, is_friend, created_at)
SELECT :account_id, md5('bench-customer-' || i) || md5('bench-key-' || i), i,
       CASE WHEN i % 5 = 0 THEN '고객' || i ELSE '' END, i % 4 = 0,
       now() - interval '91 days'
FROM generate_series(1, :rooms) AS i;
UPDATE accounts SET customer_count = customer_count + :rooms WHERE id = :account_id;

-- Room i starts at a spread-out moment of the last 90 days; message j (1..10)
-- comes j*3 minutes later. Customers write the odd messages and members the
-- even ones, except that in every third room the customer also wrote the last.
CREATE TEMP TABLE bench_rooms AS
SELECT c.id AS customer_id, c.number AS i,
       now() - make_interval(secs => 3600 + (c.number * 7919::bigint) % (90 * 86400 - 3600)) AS started
FROM customers c WHERE c.account_id = :account_id AND c.number BETWEEN 1 AND :rooms;

INSERT INTO rooms (account_id, customer_id, status, unread_count, last_message_at,
                   last_message_text, last_customer_message_at, created_at, important)
SELECT :account_id, r.customer_id,
       CASE WHEN r.i % 3 = 0 AND r.i % 2 = 0 THEN 'unread'
            WHEN r.i % 3 = 0 THEN 'unanswered'
            WHEN r.i % 7 = 0 THEN 'completed'
            ELSE 'answered' END,
       CASE WHEN r.i % 3 = 0 AND r.i % 2 = 0 THEN 2 ELSE 0 END,
       r.started + interval '30 minutes',
       left(CASE WHEN r.i % 3 = 0 THEN t.customer ELSE t.agent END, 100),
       r.started + CASE WHEN r.i % 3 = 0 THEN interval '30 minutes' ELSE interval '27 minutes' END,
       r.started, r.i % 50 = 0
FROM bench_rooms r JOIN bench_texts t ON t.n = (r.i * 7 + 10) % 10;

INSERT INTO messages (account_id, room_id, sender, partner_id, kind, body, created_at)
SELECT :account_id, ro.id,
       CASE WHEN j % 2 = 1 OR (j = 10 AND r.i % 3 = 0) THEN 'customer' ELSE 'agent' END,
       CASE WHEN j % 2 = 1 OR (j = 10 AND r.i % 3 = 0) THEN NULL ELSE :partner_id END,
       'text',
       CASE WHEN j % 2 = 1 OR (j = 10 AND r.i % 3 = 0) THEN t.customer ELSE t.agent END,
       r.started + make_interval(mins => 3 * j)
FROM bench_rooms r
JOIN rooms ro ON ro.account_id = :account_id AND ro.customer_id = r.customer_id
CROSS JOIN generate_series(1, 10) AS j
JOIN bench_texts t ON t.n = (r.i * 7 + j) % 10
ORDER BY ro.id, j;

-- Each room's keys: those of the distinct texts of its messages (a few
-- combinations in all, so search_keys runs a few times, not a million) and of
-- its customer's name.
CREATE TEMP TABLE bench_room_texts AS
SELECT room_id, array_agg(DISTINCT body ORDER BY body) AS bodies
FROM messages WHERE account_id = :account_id GROUP BY room_id;
CREATE TEMP TABLE bench_text_sets AS
SELECT bodies, ARRAY(SELECT DISTINCT k FROM unnest(bodies) AS b, unnest(search_keys(b)) AS k) AS keys
FROM (SELECT DISTINCT bodies FROM bench_room_texts) AS sets;
INSERT INTO room_search (room_id, account_id, keys)
SELECT r.id, r.account_id, search_keys_add(s.keys, c.display_name)
FROM rooms r JOIN bench_room_texts rt ON rt.room_id = r.id
JOIN bench_text_sets s ON s.bodies = rt.bodies JOIN customers c ON c.id = r.customer_id
WHERE r.account_id = :account_id;
ALTER TABLE rooms ENABLE TRIGGER rooms_search_insert;
ALTER TABLE messages ENABLE TRIGGER messages_search_text;

SELECT definition FROM bench_indexes \gexec
SELECT room_status_counts_recount(:account_id);
COMMIT;
