/* worker: the background program (jobs come with later features) and the
 * command-line tasks of sangdamctl that need the C library, such as
 * creating an operator with a properly hashed password. */
#include "auth.h"
#include "arena.h"
#include "config.h"
#include "db.h"
#include "fcgi_main.h"
#include "param.h"

#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Reads the password (first line of standard input) and creates or promotes
 * the partner with that email as an operator. Exit status 0 on success. */
static int create_operator(const char *email)
{
	struct arena *arena = arena_new();
	char password[256];
	int status = 1;
	struct param_value value;
	static const struct param_field email_field = { "email", PARAM_EMAIL, true, 0, 0, NULL };
	static const struct param_field password_field = { "password", PARAM_PASSWORD, true, 0, 0, NULL };
	if (fgets(password, sizeof(password), stdin) == NULL)
		password[0] = '\0';
	password[strcspn(password, "\r\n")] = '\0';
	char hash[AUTH_HASH_LENGTH];
	if (param_check(arena, &email_field, email, &value) != NULL)
		fprintf(stderr, "create-operator: not an email address: %s\n", email);
	else if (param_check(arena, &password_field, password, &value) != NULL)
		fprintf(stderr, "create-operator: the password must be 10 to 128 characters\n");
	else if (db_connect() != 0 || auth_hash_password(password, hash) != 0)
		fprintf(stderr, "create-operator: cannot reach the database\n");
	else if (DB_EXEC(arena, NULL,
		     "INSERT INTO partners (email, name, password_hash, is_operator) "
		     "VALUES ($1, split_part($1, '@', 1), $2, true) "
		     "ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = $2, is_operator = true",
		     email, hash) != 1)
		fprintf(stderr, "create-operator: the database refused the change\n");
	else {
		printf("operator %s is ready\n", email);
		status = 0;
	}
	sodium_memzero(password, sizeof(password));
	db_disconnect();
	arena_free(arena);
	return status;
}

static volatile sig_atomic_t worker_stopping;

static void worker_signal(int signal_number)
{
	(void)signal_number;
	worker_stopping = 1;
}

/* Waits for jobs; the job table arrives with the first feature that needs it. */
static int run_jobs(void)
{
	signal(SIGTERM, worker_signal);
	signal(SIGINT, worker_signal);
	while (!worker_stopping)
		pause();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3 || strcmp(argv[1], "-c") != 0) {
		fprintf(stderr, "usage: %s -c CONFIG [create-operator EMAIL]\n", argv[0]);
		return 2;
	}
	if (fcgi_program_init(argv[2]) != 0)
		return 1;
	if (argc == 5 && strcmp(argv[3], "create-operator") == 0)
		return create_operator(argv[4]);
	if (argc == 3)
		return run_jobs();
	fprintf(stderr, "usage: %s -c CONFIG [create-operator EMAIL]\n", argv[0]);
	return 2;
}
