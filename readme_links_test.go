package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	mdLink    = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	mdMention = regexp.MustCompile(`[A-Za-z0-9_./-]+\.md\b`)
	mdHeading = regexp.MustCompile(`(?m)^#+ (.+)$`)
)

// slug is GitHub's anchor of a heading: lower case, punctuation other than
// '-' and '_' dropped, spaces to '-'.
func slug(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && r != '·' && r != '—' && r != '…':
			b.WriteRune(r)
		}
	}
	return b.String()
}

func anchors(t *testing.T, file string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, m := range mdHeading.FindAllStringSubmatch(string(b), -1) {
		out[slug(m[1])] = true
	}
	return out
}

// Every link of README.md resolves to a file in the repository (and to a
// heading of it when it has an anchor), and every *.md file it names
// exists here: nothing points outside the repo (DESIGN.md lives beside it,
// not in it).
func TestReadmeLinksResolve(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, m := range mdLink.FindAllStringSubmatch(doc, -1) {
		target := m[1]
		if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
			continue
		}
		file, anchor, _ := strings.Cut(target, "#")
		if file == "" {
			file = "README.md"
		}
		if strings.HasPrefix(filepath.Clean(file), "..") || filepath.IsAbs(file) {
			t.Errorf("link %q points outside the repository", target)
			continue
		}
		if _, err := os.Stat(file); err != nil {
			t.Errorf("link %q: %v", target, err)
			continue
		}
		if anchor != "" && strings.HasSuffix(file, ".md") && !anchors(t, file)[anchor] {
			t.Errorf("link %q: no heading #%s in %s", target, anchor, file)
		}
	}
	for _, name := range mdMention.FindAllString(doc, -1) {
		if _, err := os.Stat(name); err != nil {
			t.Errorf("README names %s, which is not in the repository", name)
		}
	}
}
