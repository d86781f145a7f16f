// view: ctemplate behind a C API; the only C++ in Sangdam. Every entry point
// catches exceptions, because none may cross into C.
#include "view.h"

#include <ctemplate/template.h>
#include <ctemplate/template_dictionary.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

const char *const kLanguages[] = { "ko", "en" };
const char kPragma[] = "{{%AUTOESCAPE context=\"HTML\"}}";
const ctemplate::Strip kStrip = ctemplate::STRIP_BLANK_LINES;

std::map<std::string, std::map<std::string, std::string>> catalogs;

std::vector<std::string> list_files(const std::string &dir, const std::string &suffix)
{
	std::vector<std::string> names;
	DIR *handle = opendir(dir.c_str());
	if (handle == nullptr)
		return names;
	while (struct dirent *entry = readdir(handle)) {
		std::string name = entry->d_name;
		if (name.size() > suffix.size()
		    && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
			names.push_back(name);
	}
	closedir(handle);
	return names;
}

bool read_file(const std::string &path, std::string *out)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return false;
	std::ostringstream buffer;
	buffer << in.rdbuf();
	*out = buffer.str();
	return true;
}

std::string trim(const std::string &text)
{
	size_t start = text.find_first_not_of(" \t\r");
	if (start == std::string::npos)
		return "";
	size_t end = text.find_last_not_of(" \t\r");
	return text.substr(start, end - start + 1);
}

// Reads every i18n/LANG/*.txt file: `key = value` lines, `\n` for a line break.
bool load_catalog(const std::string &dir, const char *lang)
{
	std::map<std::string, std::string> &catalog = catalogs[lang];
	std::string folder = dir + "/i18n/" + lang;
	bool ok = true;
	for (const std::string &name : list_files(folder, ".txt")) {
		std::string content;
		if (!read_file(folder + "/" + name, &content))
			return false;
		std::istringstream lines(content);
		std::string line;
		int number = 0;
		while (std::getline(lines, line)) {
			number++;
			line = trim(line);
			if (line.empty() || line[0] == '#')
				continue;
			size_t equals = line.find('=');
			if (equals == std::string::npos) {
				fprintf(stderr, "view: %s/%s:%d: expected key = value\n", folder.c_str(),
				    name.c_str(), number);
				ok = false;
				continue;
			}
			std::string key = trim(line.substr(0, equals));
			std::string value = trim(line.substr(equals + 1));
			for (size_t at; (at = value.find("\\n")) != std::string::npos;)
				value.replace(at, 2, "\n");
			if (catalog.count(key) != 0) {
				fprintf(stderr, "view: %s: key %s defined twice\n", lang, key.c_str());
				ok = false;
			}
			catalog[key] = value;
		}
	}
	return ok;
}

bool catalogs_agree()
{
	bool ok = true;
	for (const char *lang : kLanguages)
		for (const char *other : kLanguages)
			for (const auto &entry : catalogs[lang])
				if (catalogs[other].count(entry.first) == 0) {
					fprintf(stderr, "view: key %s is missing in %s\n",
					    entry.first.c_str(), other);
					ok = false;
				}
	return ok;
}

std::string escape_html(const std::string &text)
{
	std::string out;
	for (char c : text) {
		switch (c) {
		case '&': out += "&amp;"; break;
		case '<': out += "&lt;"; break;
		case '>': out += "&gt;"; break;
		case '"': out += "&quot;"; break;
		case '\'': out += "&#39;"; break;
		default: out += c;
		}
	}
	return out;
}

// Replaces every [[key]] with the escaped catalog text; false on a missing key.
bool translate(const std::string &name, const char *lang, std::string *content)
{
	std::string out;
	size_t at = 0;
	bool ok = true;
	for (;;) {
		size_t open = content->find("[[", at);
		if (open == std::string::npos)
			break;
		size_t close = content->find("]]", open);
		if (close == std::string::npos)
			break;
		std::string key = content->substr(open + 2, close - open - 2);
		out.append(*content, at, open - at);
		auto found = catalogs[lang].find(key);
		if (found == catalogs[lang].end()) {
			fprintf(stderr, "view: %s uses [[%s]], missing in %s\n", name.c_str(),
			    key.c_str(), lang);
			ok = false;
		} else {
			out += escape_html(found->second);
		}
		at = close + 2;
	}
	out.append(*content, at, std::string::npos);
	*content = out;
	return ok;
}

bool load_templates(const std::string &dir)
{
	bool ok = true;
	for (const std::string &name : list_files(dir, ".tpl")) {
		std::string source;
		if (!read_file(dir + "/" + name, &source))
			return false;
		if (source.compare(0, sizeof(kPragma) - 1, kPragma) != 0) {
			fprintf(stderr, "view: %s does not start with %s\n", name.c_str(), kPragma);
			ok = false;
			continue;
		}
		for (const char *lang : kLanguages) {
			std::string content = source;
			if (!translate(name, lang, &content)) {
				ok = false;
				continue;
			}
			std::string key = std::string(lang) + "/" + name;
			if (!ctemplate::StringToTemplateCache(key, content, kStrip)) {
				fprintf(stderr, "view: %s does not parse\n", key.c_str());
				ok = false;
			}
		}
	}
	return ok;
}

const char *checked_lang(const char *lang)
{
	return lang != nullptr && std::strcmp(lang, "en") == 0 ? "en" : "ko";
}

// The names of values, sections and includes as ctemplate keys whose ids
// were computed and entered in ctemplate's global id-to-name map once. A
// key made from a plain string has no id: each SetValue or ShowSection
// hashed the name and looked it up in that map under its lock again, 10 %
// of the inbox program's CPU on a room page (perf, issue 8).
//
// The process's names (a few hundred, from the handlers' fixed strings),
// each entered once; they live as long as the process, since ctemplate's
// map points at them (allocated once and never freed, so that no thread
// still running at exit finds them gone). Past kNamesMax names (a name made
// from input, which should not be), further ones go without: NULL.
const size_t kNamesMax = 4096;

const ctemplate::StaticTemplateString *name_entered(std::string_view name)
{
	static std::mutex lock;
	static auto *entered = new std::unordered_map<std::string, ctemplate::StaticTemplateString>;
	std::lock_guard<std::mutex> hold(lock);
	std::string copy(name);
	auto found = entered->find(copy);
	if (found == entered->end()) {
		if (entered->size() >= kNamesMax)
			return nullptr;
		found = entered->emplace(copy, ctemplate::StaticTemplateString {}).first;
		found->second = { { found->first.c_str(), found->first.size(), 0 } };
		ctemplate::StaticTemplateStringInitializer enter(&found->second);
	}
	return &found->second;
}

// The key of name: from this thread's own table of the names it has used,
// without a lock; a name new to the thread is found or entered once.
ctemplate::TemplateString name_key(const char *name)
{
	thread_local std::unordered_map<std::string_view, const ctemplate::StaticTemplateString *> keys;
	std::string_view wanted(name);
	auto found = keys.find(wanted);
	if (found == keys.end()) {
		const ctemplate::StaticTemplateString *key = name_entered(wanted);
		if (key == nullptr)
			return ctemplate::TemplateString(name);
		std::string_view stored(key->do_not_use_directly_.ptr_, key->do_not_use_directly_.length_);
		found = keys.emplace(stored, key).first;
	}
	return ctemplate::TemplateString(*found->second);
}

} // namespace

struct view_root;

struct view {
	ctemplate::TemplateDictionary *dict;
	view_root *root;
};

struct view_root {
	const char *lang;
	ctemplate::TemplateDictionary *dict;
	std::vector<view *> children; // wrappers of rows and includes, freed with the root
};

extern "C" int view_init(const char *templates_dir)
{
	try {
		catalogs.clear();
		bool ok = true;
		for (const char *lang : kLanguages)
			ok = load_catalog(templates_dir, lang) && ok;
		ok = catalogs_agree() && ok;
		ok = load_templates(templates_dir) && ok;
		return ok ? 0 : -1;
	} catch (...) {
		fprintf(stderr, "view: exception while loading templates\n");
		return -1;
	}
}

extern "C" const char *view_text(const char *lang, const char *key)
{
	try {
		auto &catalog = catalogs[checked_lang(lang)];
		auto found = catalog.find(key);
		if (found != catalog.end())
			return found->second.c_str();
		fprintf(stderr, "view: missing text %s\n", key);
	} catch (...) {
	}
	return key;
}

extern "C" int view_has_text(const char *key)
{
	for (const char *lang : kLanguages)
		if (catalogs[lang].count(key) == 0)
			return 0;
	return 1;
}

extern "C" struct view *view_new(const char *lang)
{
	try {
		view_root *root = new view_root;
		root->lang = checked_lang(lang);
		root->dict = new ctemplate::TemplateDictionary("page");
		view *page = new view { root->dict, root };
		root->children.push_back(page);
		return page;
	} catch (...) {
		return nullptr;
	}
}

extern "C" void view_free(struct view *page)
{
	if (page == nullptr)
		return;
	view_root *root = page->root;
	for (view *child : root->children)
		delete child;
	delete root->dict;
	delete root;
}

extern "C" const char *view_lang(const struct view *v)
{
	return v->root->lang;
}

extern "C" void view_set(struct view *v, const char *name, const char *value)
{
	try {
		// Page values are template-global so that included parts see them too.
		if (v->dict == v->root->dict)
			v->dict->SetTemplateGlobalValue(name_key(name), value != nullptr ? value : "");
		else
			v->dict->SetValue(name_key(name), value != nullptr ? value : "");
	} catch (...) {
	}
}

extern "C" void view_set_int(struct view *v, const char *name, long long value)
{
	char text[32];
	snprintf(text, sizeof(text), "%lld", value);
	view_set(v, name, text);
}

extern "C" void view_set_text(struct view *v, const char *name, const char *key)
{
	view_set(v, name, view_text(v->root->lang, key));
}

extern "C" void view_show(struct view *v, const char *section)
{
	try {
		if (v->dict == v->root->dict)
			v->dict->ShowTemplateGlobalSection(name_key(section));
		else
			v->dict->ShowSection(name_key(section));
	} catch (...) {
	}
}

static struct view *view_child(struct view *v, ctemplate::TemplateDictionary *dict)
{
	view *child = new view { dict, v->root };
	v->root->children.push_back(child);
	return child;
}

extern "C" struct view *view_add_row(struct view *v, const char *section)
{
	try {
		return view_child(v, v->dict->AddSectionDictionary(name_key(section)));
	} catch (...) {
		abort(); // out of memory: the request cannot go on
	}
}

extern "C" struct view *view_include(struct view *v, const char *name, const char *template_name)
{
	try {
		ctemplate::TemplateDictionary *dict = v->dict->AddIncludeDictionary(name_key(name));
		dict->SetFilename(std::string(v->root->lang) + "/" + template_name + ".tpl");
		return view_child(v, dict);
	} catch (...) {
		abort();
	}
}

extern "C" char *view_render(struct view *v, const char *template_name, size_t *length)
{
	try {
		std::string key = std::string(v->root->lang) + "/" + template_name + ".tpl";
		std::string output;
		if (!ctemplate::ExpandTemplate(key, kStrip, v->root->dict, &output)) {
			fprintf(stderr, "view: cannot expand %s\n", key.c_str());
			return nullptr;
		}
		char *copy = static_cast<char *>(malloc(output.size() + 1));
		if (copy == nullptr)
			return nullptr;
		memcpy(copy, output.data(), output.size());
		copy[output.size()] = '\0';
		*length = output.size();
		return copy;
	} catch (...) {
		return nullptr;
	}
}
