-- One post per rendered form (two requests racing): every page carries a
-- random form key, and the create forms send it as form_key. The first post
-- of a key to a path takes the row and runs; when it answered with a
-- redirect, the row keeps that Location, and a second post of the same key
-- to the same path (a double tap without JavaScript, a resent request) gets
-- the same answer and changes nothing. A post that did not redirect (a form
-- shown again with its errors) gives its row up. The worker sweeps rows
-- older than a day.
CREATE TABLE form_keys (
    key         text NOT NULL,
    path        text NOT NULL,
    location    text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (key, path)
);
CREATE INDEX form_keys_created ON form_keys (created_at);
