-- Operating hours and automatic messages (HOURS): each account's weekly hours,
-- holidays, away switch, refusal setting and automatic messages, what each
-- customer was sent once, and each partner's quiet time (HOURS-6).

-- One row per weekday (0 = Monday); an account without rows answers all week.
-- end_minute < start_minute runs past midnight; equal minutes are no hours.
CREATE TABLE account_hours (
    account_id    bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    weekday       smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    open          boolean NOT NULL,
    start_minute  smallint NOT NULL
                  CHECK (start_minute BETWEEN 0 AND 1435 AND start_minute % 5 = 0),
    end_minute    smallint NOT NULL
                  CHECK (end_minute BETWEEN 0 AND 1440 AND end_minute % 5 = 0),
    PRIMARY KEY (account_id, weekday)
);

-- Messages are NULL until edited: the built-in text of the reader's language.
ALTER TABLE accounts
    ADD COLUMN away_since             timestamptz,
    ADD COLUMN refuse_outside_hours   boolean NOT NULL DEFAULT false,
    ADD COLUMN away_message           text CHECK (char_length(away_message) <= 500),
    ADD COLUMN holiday_message        text CHECK (char_length(holiday_message) <= 500),
    ADD COLUMN welcome_message        text CHECK (char_length(welcome_message) <= 500),
    ADD COLUMN notice_message         text CHECK (char_length(notice_message) <= 500),
    ADD COLUMN notice_on              boolean NOT NULL DEFAULT false,
    ADD COLUMN friend_thanks_message  text CHECK (char_length(friend_thanks_message) <= 500);

-- Whole local dates in the account's time zone; they may overlap.
CREATE TABLE holidays (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    first_day   date NOT NULL,
    last_day    date NOT NULL CHECK (last_day >= first_day),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX holidays_account ON holidays (account_id, last_day);

-- What each customer was sent once: the closed period of the last away or
-- holiday message (src/hours.h keys), the welcome, notice and friend-thanks.
ALTER TABLE customers
    ADD COLUMN away_period  text CHECK (char_length(away_period) <= 48),
    ADD COLUMN welcomed_at  timestamptz,
    ADD COLUMN noticed_at   timestamptz,
    ADD COLUMN thanked_at   timestamptz;

-- A daily window without sound or desktop notifications; NULL: none.
ALTER TABLE partners
    ADD COLUMN quiet_start  smallint CHECK (quiet_start BETWEEN 0 AND 1435 AND quiet_start % 5 = 0),
    ADD COLUMN quiet_end    smallint CHECK (quiet_end BETWEEN 0 AND 1440 AND quiet_end % 5 = 0),
    ADD CHECK ((quiet_start IS NULL) = (quiet_end IS NULL));
