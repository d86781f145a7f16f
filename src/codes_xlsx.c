/* codes_xlsx: the first column of the first sheet of an xlsx workbook: the
 * zip judged by zip_guard before anything is inflated, then the workbook, its
 * relationships, the shared strings (kept in temporary files, not in memory)
 * and the sheet streamed through expat, refusing any DTD, each entry read no
 * further than its declared size. */
#include "codes_read.h"
#include "zip_guard.h"

#include <expat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CODES_XLSX_ENTRIES 1000
#define CODES_XLSX_BYTES (1ULL << 30)     /* declared uncompressed total */
#define CODES_XLSX_RATIO 100
#define CODES_XLSX_STRINGS 16000000LL     /* shared strings */
#define CODES_XLSX_NAME 256               /* an entry name or relationship id */
/* A shared string is kept trimmed and cut to what a code can hold at most. */
#define CODES_XLSX_KEPT (CODES_MAX_LENGTH * 4 + 1)

/* One expat parse: handlers stop it with a result. */
struct codes_xml {
	XML_Parser parser;
	int result;
};

/* The text of an element being read, cut at CODES_VALUE_CAP bytes. */
struct codes_cell {
	size_t length;
	bool cut;
	char text[CODES_VALUE_CAP];
};

/* Shared strings on disk: data holds [length][cut][bytes] records, index the
 * 8-byte offset of each. */
struct codes_strings {
	FILE *data;
	FILE *index;
	long long count;
	uint64_t offset;
};

struct codes_workbook {
	struct codes_xml xml;
	char sheet_id[CODES_XLSX_NAME];   /* r:id of the first sheet */
};

struct codes_rels {
	struct codes_xml xml;
	const char *sheet_id;
	char sheet[CODES_XLSX_NAME];      /* targets, relative to xl/ */
	char strings[CODES_XLSX_NAME];
};

struct codes_sst {
	struct codes_xml xml;
	struct codes_strings *strings;
	bool in_si, in_t;
	int phonetic;                     /* depth in <rPh> (readings, not text) */
	struct codes_cell cell;
};

struct codes_sheet {
	struct codes_xml xml;
	struct codes_run *run;
	struct codes_strings *strings;
	long long row, column;
	bool first_column, in_value;
	int phonetic;
	char type[16];
	struct codes_cell cell;
};

/* Stops xml's parse with result. */
static void codes_xml_stop(struct codes_xml *xml, int result)
{
	if (xml->result == 0)
		xml->result = result;
	XML_StopParser(xml->parser, XML_FALSE);
}

static void codes_xml_doctype(void *self, const XML_Char *name, const XML_Char *system,
    const XML_Char *public, int internal)
{
	(void)name, (void)system, (void)public, (void)internal;
	codes_xml_stop(self, CODES_EBOMB);
}

static void codes_xml_entity(void *self, const XML_Char *name, int parameter,
    const XML_Char *value, int length, const XML_Char *base, const XML_Char *system,
    const XML_Char *public, const XML_Char *notation)
{
	(void)name, (void)parameter, (void)value, (void)length, (void)base, (void)system;
	(void)public, (void)notation;
	codes_xml_stop(self, CODES_EBOMB);
}

/* The name without its namespace prefix. */
static const char *codes_local(const char *name)
{
	const char *colon = strrchr(name, ':');
	return colon != NULL ? colon + 1 : name;
}

/* The value of the attribute whose name (prefix aside) is local, or NULL. */
static const char *codes_attribute(const char **attributes, const char *local)
{
	for (size_t i = 0; attributes[i] != NULL; i += 2)
		if (strcmp(codes_local(attributes[i]), local) == 0)
			return attributes[i + 1];
	return NULL;
}

/* Copies text into a name buffer; false when it does not fit. */
static bool codes_copy_name(char *name, const char *text)
{
	size_t length = strlen(text);
	if (length >= CODES_XLSX_NAME)
		return false;
	memcpy(name, text, length + 1);
	return true;
}

static void codes_cell_append(struct codes_cell *cell, const char *text, int length)
{
	size_t room = sizeof(cell->text) - cell->length, n = (size_t)length;
	if (n > room) {
		n = room;
		cell->cut = true;
	}
	memcpy(cell->text + cell->length, text, n);
	cell->length += n;
}

/* Streams the entry index of zip (declared size bytes) through parser,
 * whose user data is xml. 0, xml's stop result, CODES_EBOMB when the entry
 * holds more than declared, or CODES_EUNREADABLE. */
static int codes_xlsx_stream(zip_t *zip, zip_int64_t index, XML_Parser parser,
    struct codes_xml *xml)
{
	zip_stat_t st;
	if (zip_stat_index(zip, (zip_uint64_t)index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return CODES_EUNREADABLE;
	zip_file_t *file = zip_fopen_index(zip, (zip_uint64_t)index, 0);
	if (file == NULL)
		return CODES_EUNREADABLE;
	int result = 0;
	uint64_t total = 0;
	for (;;) {
		void *buffer = XML_GetBuffer(parser, 65536);
		zip_int64_t n = buffer != NULL ? zip_fread(file, buffer, 65536) : -1;
		if (n < 0) {
			result = CODES_EUNREADABLE;
			break;
		}
		total += (uint64_t)n;
		if (total > st.size) {
			result = CODES_EBOMB;
			break;
		}
		if (XML_ParseBuffer(parser, (int)n, n == 0) != XML_STATUS_OK) {
			result = xml->result != 0 ? xml->result : CODES_EUNREADABLE;
			break;
		}
		if (n == 0)
			break;
	}
	zip_fclose(file);
	return result;
}

/* Parses the entry named name with the handlers (user data xml). */
static int codes_xlsx_parse(zip_t *zip, const char *name, struct codes_xml *xml,
    XML_StartElementHandler start, XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	zip_int64_t index = zip_name_locate(zip, name, 0);
	if (index < 0)
		return CODES_EUNREADABLE;
	XML_Parser parser = XML_ParserCreate(NULL);
	if (parser == NULL)
		return CODES_EUNREADABLE;
	xml->parser = parser;
	XML_SetUserData(parser, xml);
	XML_SetStartDoctypeDeclHandler(parser, codes_xml_doctype);
	XML_SetEntityDeclHandler(parser, codes_xml_entity);
	XML_SetElementHandler(parser, start, end);
	XML_SetCharacterDataHandler(parser, text);
	int result = codes_xlsx_stream(zip, index, parser, xml);
	XML_ParserFree(parser);
	return result;
}

static void codes_workbook_start(void *self, const char *name, const char **attributes)
{
	struct codes_workbook *workbook = self;
	const char *id = codes_attribute(attributes, "id");
	if (workbook->sheet_id[0] != '\0' || strcmp(codes_local(name), "sheet") != 0)
		return;
	if (id == NULL || !codes_copy_name(workbook->sheet_id, id))
		codes_xml_stop(&workbook->xml, CODES_EUNREADABLE);
}

static void codes_rels_start(void *self, const char *name, const char **attributes)
{
	struct codes_rels *rels = self;
	const char *id = codes_attribute(attributes, "Id");
	const char *type = codes_attribute(attributes, "Type");
	const char *target = codes_attribute(attributes, "Target");
	if (strcmp(codes_local(name), "Relationship") != 0 || id == NULL || target == NULL)
		return;
	static const char strings_type[] = "/sharedStrings";
	size_t type_length = type != NULL ? strlen(type) : 0;
	bool fits = true;
	if (strcmp(id, rels->sheet_id) == 0)
		fits = codes_copy_name(rels->sheet, target);
	else if (type_length >= sizeof(strings_type) - 1 &&
	    strcmp(type + type_length - (sizeof(strings_type) - 1), strings_type) == 0)
		fits = codes_copy_name(rels->strings, target);
	if (!fits)
		codes_xml_stop(&rels->xml, CODES_EUNREADABLE);
}

static void codes_no_end(void *self, const char *name)
{
	(void)self, (void)name;
}

static void codes_no_text(void *self, const char *text, int length)
{
	(void)self, (void)text, (void)length;
}

/* The trimmed, kept form of a shared string appended to strings. 0 or -1. */
static int codes_strings_add(struct codes_strings *strings, struct codes_cell *cell)
{
	size_t start = 0, length = cell->length;
	while (start < length && (cell->text[start] == ' ' || cell->text[start] == '\t'))
		start++;
	while (!cell->cut && length > start && (cell->text[length - 1] == ' ' ||
	    cell->text[length - 1] == '\t'))
		length--;
	unsigned char head[2] = { 0, cell->cut };
	if (length - start > CODES_XLSX_KEPT) {
		length = start + CODES_XLSX_KEPT;
		head[1] = 1;
	}
	head[0] = (unsigned char)(length - start);
	if (fwrite(&strings->offset, sizeof(strings->offset), 1, strings->index) != 1 ||
	    fwrite(head, 1, 2, strings->data) != 2 ||
	    fwrite(cell->text + start, 1, length - start, strings->data) != length - start)
		return -1;
	strings->offset += 2 + length - start;
	strings->count++;
	return 0;
}

/* The shared string number index into cell. 0, or -1 when there is none. */
static int codes_strings_get(struct codes_strings *strings, long long index,
    struct codes_cell *cell)
{
	uint64_t offset;
	unsigned char head[2];
	if (index < 0 || index >= strings->count ||
	    fseeko(strings->index, (off_t)index * (off_t)sizeof(offset), SEEK_SET) != 0 ||
	    fread(&offset, sizeof(offset), 1, strings->index) != 1 ||
	    fseeko(strings->data, (off_t)offset, SEEK_SET) != 0 ||
	    fread(head, 1, 2, strings->data) != 2 ||
	    fread(cell->text, 1, head[0], strings->data) != head[0])
		return -1;
	cell->length = head[0];
	cell->cut = head[1] != 0;
	return 0;
}

static void codes_sst_start(void *self, const char *name, const char **attributes)
{
	struct codes_sst *sst = self;
	const char *local = codes_local(name);
	(void)attributes;
	if (strcmp(local, "si") == 0) {
		sst->in_si = true;
		sst->cell.length = 0;
		sst->cell.cut = false;
	} else if (strcmp(local, "rPh") == 0) {
		sst->phonetic++;
	} else if (strcmp(local, "t") == 0 && sst->in_si && sst->phonetic == 0) {
		sst->in_t = true;
	}
}

static void codes_sst_end(void *self, const char *name)
{
	struct codes_sst *sst = self;
	const char *local = codes_local(name);
	if (strcmp(local, "t") == 0) {
		sst->in_t = false;
	} else if (strcmp(local, "rPh") == 0 && sst->phonetic > 0) {
		sst->phonetic--;
	} else if (strcmp(local, "si") == 0 && sst->in_si) {
		sst->in_si = false;
		if (sst->strings->count >= CODES_XLSX_STRINGS)
			codes_xml_stop(&sst->xml, CODES_ETOO_MANY);
		else if (codes_strings_add(sst->strings, &sst->cell) != 0)
			codes_xml_stop(&sst->xml, CODES_EUNREADABLE);
	}
}

static void codes_sst_text(void *self, const char *text, int length)
{
	struct codes_sst *sst = self;
	if (sst->in_t)
		codes_cell_append(&sst->cell, text, length);
}

/* The column number (A is 1) of a cell reference such as "AB12", 0 if none. */
static long long codes_column_of(const char *reference)
{
	long long column = 0;
	for (const char *p = reference; *p >= 'A' && *p <= 'Z' && column < 100000; p++)
		column = column * 26 + (*p - 'A' + 1);
	return column;
}

static void codes_sheet_cell(struct codes_sheet *sheet, const char **attributes)
{
	const char *reference = codes_attribute(attributes, "r");
	const char *type = codes_attribute(attributes, "t");
	long long column = reference != NULL ? codes_column_of(reference) : 0;
	sheet->column = column > 0 ? column : sheet->column + 1;
	sheet->first_column = sheet->column == 1;
	snprintf(sheet->type, sizeof(sheet->type), "%s", type != NULL ? type : "n");
	sheet->cell.length = 0;
	sheet->cell.cut = false;
}

static void codes_sheet_start(void *self, const char *name, const char **attributes)
{
	struct codes_sheet *sheet = self;
	const char *local = codes_local(name);
	if (strcmp(local, "row") == 0) {
		const char *number = codes_attribute(attributes, "r");
		long long row = number != NULL ? strtoll(number, NULL, 10) : 0;
		sheet->row = row > sheet->row ? row : sheet->row + 1;
		sheet->column = 0;
		codes_line_seen(sheet->run, sheet->row);
	} else if (strcmp(local, "c") == 0) {
		codes_sheet_cell(sheet, attributes);
	} else if (strcmp(local, "rPh") == 0) {
		sheet->phonetic++;
	} else if (sheet->first_column && sheet->phonetic == 0 &&
	    (strcmp(local, "v") == 0 || strcmp(local, "t") == 0)) {
		sheet->in_value = true;
	}
}

/* Judges the value of the first-column cell that just ended. */
static int codes_sheet_value(struct codes_sheet *sheet)
{
	struct codes_cell *cell = &sheet->cell;
	if (strcmp(sheet->type, "s") == 0 && cell->length > 0) {
		char number[32];
		char *end;
		if (cell->cut || cell->length >= sizeof(number))
			return CODES_EUNREADABLE;
		memcpy(number, cell->text, cell->length);
		number[cell->length] = '\0';
		long long index = strtoll(number, &end, 10);
		if (*end != '\0' || codes_strings_get(sheet->strings, index, cell) != 0)
			return CODES_EUNREADABLE;
	}
	return codes_take(sheet->run, cell->text, cell->length, cell->cut, sheet->row);
}

static void codes_sheet_end(void *self, const char *name)
{
	struct codes_sheet *sheet = self;
	const char *local = codes_local(name);
	if (strcmp(local, "v") == 0 || strcmp(local, "t") == 0) {
		sheet->in_value = false;
	} else if (strcmp(local, "rPh") == 0 && sheet->phonetic > 0) {
		sheet->phonetic--;
	} else if (strcmp(local, "c") == 0 && sheet->first_column) {
		sheet->first_column = false;
		int result = codes_sheet_value(sheet);
		if (result != 0)
			codes_xml_stop(&sheet->xml, result);
	}
}

static void codes_sheet_text(void *self, const char *text, int length)
{
	struct codes_sheet *sheet = self;
	if (sheet->in_value)
		codes_cell_append(&sheet->cell, text, length);
}

/* The entry name "xl/" target (or target without its leading "/") into
 * name. false when it does not fit or is not a safe path. */
static bool codes_part_name(char *name, const char *target)
{
	int n = target[0] == '/' ? snprintf(name, CODES_XLSX_NAME, "%s", target + 1) :
	    snprintf(name, CODES_XLSX_NAME, "xl/%s", target);
	return n > 0 && n < CODES_XLSX_NAME && zip_guard_path_safe(name);
}

/* Finds the parts of the first sheet: its name and the shared strings' (""
 * when there are none). CODES_ETYPE when the zip has no workbook. */
static int codes_xlsx_parts(zip_t *zip, char *sheet, char *strings)
{
	struct codes_workbook workbook = { 0 };
	if (zip_name_locate(zip, "xl/workbook.xml", 0) < 0)
		return CODES_ETYPE;
	int result = codes_xlsx_parse(zip, "xl/workbook.xml", &workbook.xml,
	    codes_workbook_start, codes_no_end, codes_no_text);
	if (result != 0 || workbook.sheet_id[0] == '\0')
		return result != 0 ? result : CODES_EUNREADABLE;
	struct codes_rels rels = { .sheet_id = workbook.sheet_id };
	result = codes_xlsx_parse(zip, "xl/_rels/workbook.xml.rels", &rels.xml,
	    codes_rels_start, codes_no_end, codes_no_text);
	if (result != 0)
		return result;
	strings[0] = '\0';
	if (rels.strings[0] != '\0' && !codes_part_name(strings, rels.strings))
		return CODES_EUNREADABLE;
	if (strings[0] != '\0' && zip_name_locate(zip, strings, 0) < 0)
		strings[0] = '\0'; /* a shared string is then unreadable */
	return codes_part_name(sheet, rels.sheet) ? 0 : CODES_EUNREADABLE;
}

/* Reads the shared strings into strings, then the sheet. */
static int codes_xlsx_sheet(struct codes_run *run, zip_t *zip, struct codes_strings *strings)
{
	char sheet_name[CODES_XLSX_NAME], strings_name[CODES_XLSX_NAME];
	int result = codes_xlsx_parts(zip, sheet_name, strings_name);
	if (result != 0)
		return result;
	if (strings_name[0] != '\0') {
		struct codes_sst *sst = calloc(1, sizeof(*sst));
		if (sst == NULL)
			return CODES_EUNREADABLE;
		sst->strings = strings;
		result = codes_xlsx_parse(zip, strings_name, &sst->xml, codes_sst_start,
		    codes_sst_end, codes_sst_text);
		free(sst);
		if (result == 0 && (fflush(strings->data) != 0 || fflush(strings->index) != 0))
			result = CODES_EUNREADABLE;
		if (result != 0)
			return result;
	}
	struct codes_sheet *sheet = calloc(1, sizeof(*sheet));
	if (sheet == NULL)
		return CODES_EUNREADABLE;
	sheet->run = run;
	sheet->strings = strings;
	result = codes_xlsx_parse(zip, sheet_name, &sheet->xml, codes_sheet_start,
	    codes_sheet_end, codes_sheet_text);
	free(sheet);
	return result;
}

/* Opens the zip and judges it; *zip is NULL on an error. */
static int codes_xlsx_open(struct codes_run *run, zip_t **zip)
{
	static const struct zip_limits limits = {
		.max_entries = CODES_XLSX_ENTRIES, .max_total_bytes = CODES_XLSX_BYTES,
		.max_ratio = CODES_XLSX_RATIO, .refuse_nested = true,
	};
	int error;
	*zip = zip_open(run->path, ZIP_RDONLY | ZIP_CHECKCONS, &error);
	if (*zip == NULL)
		return CODES_EUNREADABLE;
	switch (zip_guard_check(*zip, &limits, NULL)) {
	case ZIP_GUARD_OK:
		return 0;
	case ZIP_GUARD_ENTRIES:
	case ZIP_GUARD_SIZE:
	case ZIP_GUARD_RATIO:
	case ZIP_GUARD_NESTED:
		return CODES_EBOMB;
	default:
		return CODES_EUNREADABLE;
	}
}

int codes_xlsx_read(struct codes_run *run)
{
	zip_t *zip;
	int result = codes_xlsx_open(run, &zip);
	struct codes_strings strings = { 0 };
	if (result == 0) {
		strings.data = tmpfile();
		strings.index = tmpfile();
		if (strings.data == NULL || strings.index == NULL)
			result = CODES_EUNREADABLE;
	}
	if (result == 0)
		result = codes_xlsx_sheet(run, zip, &strings);
	if (strings.data != NULL)
		fclose(strings.data);
	if (strings.index != NULL)
		fclose(strings.index);
	if (zip != NULL)
		zip_discard(zip);
	return result;
}
