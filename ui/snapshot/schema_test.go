package snapshot

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/whoosh-dev/whoosh/ui"
)

// TestDocumentedSchema validates real output against the JSON Schema in
// docs/snapshot-json.md, so the published schema cannot drift from the
// code. The validator below covers the keywords that schema uses: type,
// required, properties, items, $ref, const, enum and pattern.
func TestDocumentedSchema(t *testing.T) {
	schema := docSchema(t)
	empty := fixture()
	empty.Macro = nil
	empty.Report.Watchlists = nil
	for name, s := range map[string]ui.State{"fixture": fixture(), "no macro": empty, "zero": {}} {
		var doc any
		if err := json.Unmarshal(write(t, s, Options{Format: JSON}), &doc); err != nil {
			t.Fatal(err)
		}
		v := validator{root: schema}
		v.check(schema, doc, "$")
		for _, e := range v.errs {
			t.Errorf("%s: %s", name, e)
		}
	}
	// The validator itself must catch a violation.
	v := validator{root: schema}
	v.check(schema, map[string]any{"schema_version": 2.0}, "$")
	if len(v.errs) == 0 {
		t.Error("validator accepted a document with schema_version 2 and no other keys")
	}
}

// docSchema extracts the JSON block under "## JSON Schema" from the doc.
func docSchema(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile("../../docs/snapshot-json.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(b), "## JSON Schema")
	if !ok {
		t.Fatal("no JSON Schema section in the doc")
	}
	_, after, ok = strings.Cut(after, "```json\n")
	body, _, ok2 := strings.Cut(after, "```")
	if !ok || !ok2 {
		t.Fatal("no json block in the JSON Schema section")
	}
	var schema map[string]any
	if err := json.Unmarshal([]byte(body), &schema); err != nil {
		t.Fatalf("the documented schema is not valid JSON: %v", err)
	}
	return schema
}

type validator struct {
	root map[string]any
	errs []string
}

func (v *validator) fail(path, format string, args ...any) {
	v.errs = append(v.errs, path+": "+fmt.Sprintf(format, args...))
}

func (v *validator) check(schema map[string]any, val any, path string) {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		def, _ := v.root["$defs"].(map[string]any)[name].(map[string]any)
		if def == nil {
			v.fail(path, "unresolved $ref %s", ref)
			return
		}
		v.check(def, val, path)
		return
	}
	if typ, ok := schema["type"]; ok && !typeMatches(typ, val) {
		v.fail(path, "type %s, want %v", jsonType(val), typ)
		return
	}
	if c, ok := schema["const"]; ok && c != val {
		v.fail(path, "%v, want %v", val, c)
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == val
		}
		if !found {
			v.fail(path, "%v not in %v", val, enum)
		}
	}
	if pat, ok := schema["pattern"].(string); ok {
		if s, isStr := val.(string); isStr && !regexp.MustCompile(pat).MatchString(s) {
			v.fail(path, "%q does not match %s", s, pat)
		}
	}
	switch x := val.(type) {
	case map[string]any:
		for _, r := range asSlice(schema["required"]) {
			if _, ok := x[r.(string)]; !ok {
				v.fail(path, "required key %q missing", r)
			}
		}
		props, _ := schema["properties"].(map[string]any)
		for k, sub := range props {
			if child, ok := x[k]; ok {
				v.check(sub.(map[string]any), child, path+"."+k)
			}
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, e := range x {
				v.check(items, e, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// typeMatches reports whether val has the schema type typ (a name or a
// list of names). JSON numbers decode as float64; "integer" wants a whole
// number.
func typeMatches(typ, val any) bool {
	for _, name := range append(asSlice(typ), typ) {
		switch name {
		case "null", "string", "array", "object", "number":
			if jsonType(val) == name {
				return true
			}
		case "boolean":
			if jsonType(val) == "bool" {
				return true
			}
		case "integer":
			if f, ok := val.(float64); ok && f == float64(int64(f)) {
				return true
			}
		}
	}
	return false
}
