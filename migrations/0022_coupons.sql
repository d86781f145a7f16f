-- Instant-win coupons (COUP-1..9): the coupon, its codes (generated or
-- uploaded, loaded by the worker), the staging area of an upload, the
-- entries of friends and the per-day page views and shares.

-- Dates are whole local dates in the account's time zone: the entry period
-- runs from the start of entry_start to the end of entry_end. probability is
-- the win chance per entry in units of 1e-7 percent (100 % = 1,000,000,000,
-- COUP-3), never a float. codes_state: 'loading' while the worker loads the
-- codes (the coupon is not usable), 'ready', or 'failed' (codes_error says
-- why, the problems are in coupon_code_problems, and no code is stored).
CREATE TABLE coupons (
    id              bigserial PRIMARY KEY,
    account_id      bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    title           text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 30),
    details         text NOT NULL DEFAULT '' CHECK (char_length(details) <= 600),
    image_name      text,
    image_mime      text,
    entry_start     date NOT NULL,
    entry_end       date NOT NULL,
    use_by          date NOT NULL,
    place           text NOT NULL CHECK (place IN ('online', 'offline')),
    redeem_url      text NOT NULL DEFAULT '' CHECK (char_length(redeem_url) <= 1000),
    share           boolean NOT NULL DEFAULT false,
    probability     bigint NOT NULL CHECK (probability BETWEEN 1 AND 1000000000),
    codes_source    text NOT NULL CHECK (codes_source IN ('generate', 'upload')),
    codes_wanted    bigint NOT NULL DEFAULT 0 CHECK (codes_wanted BETWEEN 0 AND 5000000),
    code_file       text,
    codes_state     text NOT NULL DEFAULT 'loading'
                    CHECK (codes_state IN ('loading', 'ready', 'failed')),
    codes_done      bigint NOT NULL DEFAULT 0,
    codes_total     bigint NOT NULL DEFAULT 0,
    codes_error     text NOT NULL DEFAULT '',
    problem_lines   bigint NOT NULL DEFAULT 0,
    duplicate_lines bigint NOT NULL DEFAULT 0,
    stopped_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (entry_start <= entry_end AND use_by > entry_end),
    CHECK (place = 'offline' OR redeem_url <> ''),
    CHECK ((image_name IS NULL) = (image_mime IS NULL))
);
CREATE INDEX coupons_account ON coupons (account_id, created_at DESC, id DESC);

CREATE TABLE coupon_entries (
    id           bigserial PRIMARY KEY,
    coupon_id    bigint NOT NULL REFERENCES coupons ON DELETE CASCADE,
    customer_id  bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
    phone        text NOT NULL CHECK (phone ~ '^[0-9]{8,15}$'),
    won          boolean NOT NULL,
    ran_out      boolean NOT NULL DEFAULT false,  -- drawn to win, but no code was left
    used_at      timestamptz,                     -- "staff confirmed" (offline)
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (coupon_id, customer_id)               -- one entry per friend per coupon
);
CREATE INDEX coupon_entries_day ON coupon_entries (coupon_id, created_at);
CREATE INDEX coupon_entries_phone ON coupon_entries (coupon_id, phone);

-- A code belongs to one coupon; taken_at and entry_id are set once, when it is
-- handed out (a customer's deletion empties entry_id; the code stays taken).
CREATE TABLE coupon_codes (
    id         bigserial PRIMARY KEY,
    coupon_id  bigint NOT NULL REFERENCES coupons ON DELETE CASCADE,
    code       text NOT NULL CHECK (char_length(code) BETWEEN 1 AND 24),
    entry_id   bigint UNIQUE REFERENCES coupon_entries ON DELETE SET NULL,
    taken_at   timestamptz,
    UNIQUE (coupon_id, code)
);
-- The free codes of a coupon in order, for the one statement that takes one
-- FOR UPDATE SKIP LOCKED (parallel entries skip each other's row).
CREATE INDEX coupon_codes_free ON coupon_codes (coupon_id, id) WHERE taken_at IS NULL;

-- An upload's codes while the worker reads the file: duplicates are found
-- here in SQL, and only a clean set moves into coupon_codes (all or nothing).
CREATE TABLE coupon_code_staging (
    coupon_id  bigint NOT NULL REFERENCES coupons ON DELETE CASCADE,
    line       bigint NOT NULL,
    code       text NOT NULL
);
CREATE INDEX coupon_code_staging_code ON coupon_code_staging (coupon_id, code, line);

-- The first problems of a failed load, by line (kind: too_long, bad_char,
-- duplicate; duplicate_of the earlier line with the same code).
CREATE TABLE coupon_code_problems (
    coupon_id     bigint NOT NULL REFERENCES coupons ON DELETE CASCADE,
    line          bigint NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('too_long', 'bad_char', 'duplicate', 'other')),
    duplicate_of  bigint
);
CREATE INDEX coupon_code_problems_coupon ON coupon_code_problems (coupon_id, line);

-- Page views and shares per local day (entries and wins come from
-- coupon_entries).
CREATE TABLE coupon_days (
    coupon_id  bigint NOT NULL REFERENCES coupons ON DELETE CASCADE,
    day        date NOT NULL,
    views      bigint NOT NULL DEFAULT 0,
    shares     bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (coupon_id, day)
);
