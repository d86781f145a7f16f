/* notify: notifications to one partner or to every member of an account,
 * through db_notifications. */
#include "notify.h"
#include "db_notifications.h"

#include <stddef.h>

int notify_partner(struct arena *arena, long long partner_id, const char *kind,
    long long account_id, const char *text_args)
{
	return db_notifications_insert(arena, partner_id, kind, account_id,
	    text_args != NULL ? text_args : "", NOTIFY_KEEP);
}

int notify_members(struct arena *arena, long long account_id, long long except_partner_id,
    const char *kind, const char *text_args)
{
	return db_notifications_insert_members(arena, account_id, except_partner_id, kind,
	    text_args != NULL ? text_args : "", NOTIFY_KEEP);
}
