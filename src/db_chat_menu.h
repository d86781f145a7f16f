/* db_chat_menu: the queries of tables chat_menu_buttons and
 * chat_menu_counts, the chat menu (채팅방 메뉴, FAQ-2) and its taps per day. */
#ifndef SANGDAM_DB_CHAT_MENU_H
#define SANGDAM_DB_CHAT_MENU_H

struct arena;

struct menu_button {
	long long id;
	const char *label;    /* 1..20 code points */
	const char *response; /* 1..1000 code points */
	long long taps_today; /* db_chat_menu_list only, in the account's time zone */
};

/* Lists in *out (arena) the buttons of account_id in order, with today's
 * taps counted in time_zone; the count or <0. */
int db_chat_menu_list(struct arena *arena, long long account_id, const char *time_zone,
    struct menu_button **out);

/* Button id of account_id into out: 1, 0 none, <0. */
int db_chat_menu_get(struct arena *arena, long long account_id, long long id,
    struct menu_button *out);

/* Adds a button unless the account has max already: 1 added, 0 at the
 * limit, <0. Call inside account_lock, or parallel calls pass max (NF-7). */
int db_chat_menu_insert(struct arena *arena, long long account_id, const char *label,
    const char *response, long long max);

/* Changes button id: rows changed (0 or 1), or <0. */
int db_chat_menu_update(struct arena *arena, long long account_id, long long id,
    const char *label, const char *response);

/* Deletes button id (its counts go with it): rows deleted, or <0. */
int db_chat_menu_delete(struct arena *arena, long long account_id, long long id);

/* Deletes every button of account_id (ACC-9 reset; their counts go with
 * them): rows deleted, or <0. */
int db_chat_menu_delete_account(struct arena *arena, long long account_id);

/* Counts one tap of button id on today's date in time_zone: 1, or <0. */
int db_chat_menu_count(struct arena *arena, long long account_id, long long id,
    const char *time_zone);

#endif
