package config

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/parser"
)

// editSrc has a watchlist of each style, comments everywhere, odd spacing
// and quoting, and symbols with ^ - = characters.
const editSrc = `# my whoosh   (hand-edited)
version: 1
source: demo          # offline

watchlists:
  # flow, spaced oddly
  - name: Robots   # mine
    symbols: [ TSLA,ISRG , ^GSPC ]  # c
  - {name: Chips, symbols: [NVDA]}
  - name: FX
    symbols:
      # head
      - EURUSD=X   # euro

      - "BTC-USD"
    # tail
  - name: Röbotik
    symbols: []
window: 1y # last
`

func TestAddRemoveMember(t *testing.T) {
	cases := []struct {
		name, op, list, sym string
		// from → to: the one change expected in editSrc.
		from, to string
	}{
		{"flow add after the last entry, spacing kept", "add", "robots", "btc-usd",
			"[ TSLA,ISRG , ^GSPC ]", "[ TSLA,ISRG , ^GSPC, BTC-USD ]"},
		{"flow add to an inline mapping", "add", "Chips", "^NDX",
			"symbols: [NVDA]}", "symbols: [NVDA, ^NDX]}"},
		{"flow add to an empty list, non-ASCII name", "add", "RÖBOTIK", "EURUSD=X",
			"symbols: []\nwindow", "symbols: [EURUSD=X]\nwindow"},
		{"block add: a line like the last entry's, before the tail comment", "add", "FX", "GBPUSD=X",
			"      - \"BTC-USD\"\n    # tail", "      - \"BTC-USD\"\n      - GBPUSD=X\n    # tail"},
		{"a symbol YAML would read as null is quoted", "add", "FX", "null",
			"      - \"BTC-USD\"\n", "      - \"BTC-USD\"\n      - \"NULL\"\n"},
		{"flow remove the first: its comma goes with it", "remove", "Robots", "TSLA",
			"[ TSLA,ISRG , ^GSPC ]", "[ ISRG , ^GSPC ]"},
		{"flow remove the middle", "remove", "Robots", "isrg",
			"[ TSLA,ISRG , ^GSPC ]", "[ TSLA,^GSPC ]"},
		{"flow remove the last: the comma before it goes", "remove", "Robots", "^GSPC",
			"[ TSLA,ISRG , ^GSPC ]", "[ TSLA,ISRG ]"},
		{"flow remove the only member leaves []", "remove", "Chips", "NVDA",
			"symbols: [NVDA]}", "symbols: []}"},
		{"block remove: the whole line with its comment; the head comment stays", "remove", "FX", "EURUSD=X",
			"      - EURUSD=X   # euro\n", ""},
		{"block remove a quoted entry", "remove", "FX", "BTC-USD",
			"      - \"BTC-USD\"\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if strings.Count(editSrc, c.from) != 1 {
				t.Fatalf("bad case: %q occurs %d times", c.from, strings.Count(editSrc, c.from))
			}
			want := strings.Replace(editSrc, c.from, c.to, 1)
			edit := AddMember
			if c.op == "remove" {
				edit = RemoveMember
			}
			got, err := edit([]byte(editSrc), c.list, c.sym)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			// editSrc's empty Röbotik fails the schema; the YAML must stay sound.
			if _, err := parser.ParseBytes(got, parser.ParseComments); err != nil {
				t.Errorf("the edited file does not parse: %v", err)
			}
		})
	}
}

func TestRemoveLastBlockMember(t *testing.T) {
	src := "watchlists:\n  - name: A   # a\n    symbols:   # s\n      - X # x\n    # after\nwindow: 1y"
	want := "watchlists:\n  - name: A   # a\n    symbols: []   # s\n    # after\nwindow: 1y"
	got, err := RemoveMember([]byte(src), "a", "x")
	if err != nil || string(got) != want {
		t.Fatalf("got %q, %v; want %q", got, err, want)
	}
	// A watchlist needs a symbol: the result is invalid, and Parse says so.
	if _, err := Parse("x.yaml", got); err == nil || !strings.Contains(err.Error(), "no symbols") {
		t.Errorf("Parse of an emptied watchlist: %v", err)
	}
	// No newline at the end of the file: the new line gets one.
	got, err = AddMember([]byte("watchlists:\n  - name: A\n    symbols:\n      - X"), "A", "Y")
	if want := "watchlists:\n  - name: A\n    symbols:\n      - X\n      - Y\n"; err != nil || string(got) != want {
		t.Errorf("add at EOF: %q, %v; want %q", got, err, want)
	}
}

// TestEditOddLayouts: files config check accepts but an editor may leave
// oddly: CRLF line ends (new lines get CRLF too), a tab after the dash or
// inside a flow list (the YAML lexer does not count such tabs in its
// columns).
func TestEditOddLayouts(t *testing.T) {
	cases := []struct {
		name, op, src, sym, want string
	}{
		{"CRLF flow add", "add", "watchlists:\r\n  - name: A\r\n    symbols: [X, Y]\r\n", "Z",
			"watchlists:\r\n  - name: A\r\n    symbols: [X, Y, Z]\r\n"},
		{"CRLF block add", "add", "watchlists:\r\n  - name: A\r\n    symbols:\r\n      - X\r\nwindow: 1y\r\n", "Z",
			"watchlists:\r\n  - name: A\r\n    symbols:\r\n      - X\r\n      - Z\r\nwindow: 1y\r\n"},
		{"CRLF block add at the end of a file without a final newline", "add", "watchlists:\r\n  - name: A\r\n    symbols:\r\n      - X", "Z",
			"watchlists:\r\n  - name: A\r\n    symbols:\r\n      - X\r\n      - Z\r\n"},
		{"CRLF block remove", "remove", "watchlists:\r\n  - name: A\r\n    symbols:\r\n      - X\r\n      - Y\r\n", "X",
			"watchlists:\r\n  - name: A\r\n    symbols:\r\n      - Y\r\n"},
		{"tab after the dash: add", "add", "watchlists:\n  - name: A\n    symbols:\n      -\tX\n      -\tY\n", "Z",
			"watchlists:\n  - name: A\n    symbols:\n      -\tX\n      -\tY\n      -\tZ\n"},
		{"tab after the dash: remove", "remove", "watchlists:\n  - name: A\n    symbols:\n      -\tX\n      -\tY\n", "Y",
			"watchlists:\n  - name: A\n    symbols:\n      -\tX\n"},
		{"tabs in a flow list: add", "add", "watchlists:\n  - name: A\n    symbols:\t[X,\tY,\t\"Q\"]\n", "Z",
			"watchlists:\n  - name: A\n    symbols:\t[X,\tY,\t\"Q\", Z]\n"},
		{"tabs in a flow list: remove the middle", "remove", "watchlists:\n  - name: A\n    symbols:\t[X,\tY,\tW]\n", "Y",
			"watchlists:\n  - name: A\n    symbols:\t[X,\tW]\n"},
		{"CRLF new watchlist", "new", "version: 1\r\nwindow: 1y", "Z",
			"version: 1\r\nwindow: 1y\r\nwatchlists:\r\n  - {name: A, symbols: [Z]}\r\n"},
		// The YAML lexer counts a comment's CRLF as two lines
		// (goccy/go-yaml#560): every position below it was a line late.
		{"CRLF comments: remove the right line", "remove", "# c\r\nwatchlists:\r\n  - name: A\r\n    symbols:\r\n      - Y\r\n      - X  # Y\r\n  # X\r\n", "Y",
			"# c\r\nwatchlists:\r\n  - name: A\r\n    symbols:\r\n      - X  # Y\r\n  # X\r\n"},
		{"CRLF comments: remove keeps the comment naming the symbol", "remove", "# c\r\nwatchlists:\r\n  - name: A\r\n    symbols:\r\n      - Y\r\n      - X  # Y\r\n  # X\r\n", "X",
			"# c\r\nwatchlists:\r\n  - name: A\r\n    symbols:\r\n      - Y\r\n  # X\r\n"},
		{"CRLF comments: the named list, not the next", "remove", "# lists\r\nwatchlists:\r\n  - {name: A, symbols: [X, W]}\r\n  - {name: B, symbols: [X, W]}\r\n", "X",
			"# lists\r\nwatchlists:\r\n  - {name: A, symbols: [W]}\r\n  - {name: B, symbols: [X, W]}\r\n"},
		{"CRLF comments: add to the named list", "add", "# lists\r\nwatchlists:\r\n  - {name: A, symbols: [X, W]}\r\n  - {name: B, symbols: [X, W]}\r\n", "Z",
			"# lists\r\nwatchlists:\r\n  - {name: A, symbols: [X, W, Z]}\r\n  - {name: B, symbols: [X, W]}\r\n"},
		{"mixed endings: the new line takes the ending of the one it follows", "add", "# LF header\nwatchlists:\r\n  - name: A\r\n    symbols:\r\n      - X\r\n", "Z",
			"# LF header\nwatchlists:\r\n  - name: A\r\n    symbols:\r\n      - X\r\n      - Z\r\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []byte
			var err error
			switch c.op {
			case "add":
				got, err = AddMember([]byte(c.src), "A", c.sym)
			case "remove":
				got, err = RemoveMember([]byte(c.src), "A", c.sym)
			case "new":
				got, err = AddWatchlist([]byte(c.src), "A", c.sym)
			default:
				t.Fatalf("bad case: op %q", c.op)
			}
			if err != nil || string(got) != c.want {
				t.Fatalf("got %q, %v\nwant %q", got, err, c.want)
			}
			if _, err := Parse("x.yaml", got); err != nil {
				t.Errorf("the edited file is not a valid config: %v", err)
			}
		})
	}
}

// TestCheckEditRefusesAWrongEdit: whatever misplaced the splice, an
// output that is not the source with exactly that symbol added to (or
// removed from) exactly that list is refused.
func TestCheckEditRefusesAWrongEdit(t *testing.T) {
	src := "watchlists:\n  - {name: A, symbols: [X, W]}\n  - {name: B, symbols: [X, W]}\n"
	cases := []struct {
		name, out, sym string
		add, ok        bool
	}{
		{"the add", "watchlists:\n  - {name: A, symbols: [X, W, Z]}\n  - {name: B, symbols: [X, W]}\n", "Z", true, true},
		{"the remove", "watchlists:\n  - {name: A, symbols: [W]}\n  - {name: B, symbols: [X, W]}\n", "X", false, true},
		{"added to the other list", "watchlists:\n  - {name: A, symbols: [X, W]}\n  - {name: B, symbols: [X, W, Z]}\n", "Z", true, false},
		{"added, not at the end", "watchlists:\n  - {name: A, symbols: [Z, X, W]}\n  - {name: B, symbols: [X, W]}\n", "Z", true, false},
		{"removed from the other list", "watchlists:\n  - {name: A, symbols: [X, W]}\n  - {name: B, symbols: [W]}\n", "X", false, false},
		{"removed the wrong symbol", "watchlists:\n  - {name: A, symbols: [X]}\n  - {name: B, symbols: [X, W]}\n", "X", false, false},
		{"a list renamed", "watchlists:\n  - {name: A, symbols: [W]}\n  - {name: C, symbols: [X, W]}\n", "X", false, false},
		{"broken YAML", "watchlists: [\n", "X", false, false},
	}
	for _, c := range cases {
		err := checkEdit([]byte(src), []byte(c.out), "a", c.sym, c.add)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v, want ok %v", c.name, err, c.ok)
		}
	}
}

func TestEditErrors(t *testing.T) {
	cases := []struct {
		name, src, op, list, sym, want string
	}{
		{"missing watchlist", editSrc, "add", "Nope", "X", "no such watchlist"},
		{"no watchlists at all", "version: 1\n", "add", "A", "X", "no such watchlist"},
		{"duplicate, any case", editSrc, "add", "Robots", "tsla", "already in"},
		{"invalid symbol", editSrc, "add", "Robots", "A B", "invalid symbol"},
		{"not a member", editSrc, "remove", "Robots", "NVDA", "not in watchlist"},
		{"symbols by alias", "x: &s [A]\nwatchlists:\n  - {name: A, symbols: *s}\n", "add", "A", "B", "not a plain list"},
		{"broken YAML", "watchlists: [\n", "add", "A", "B", "does not parse"},
		{"a CR ending no line", "watchlists:\r\n  - name: A\r\n    symbols:\r\n    - X #\r", "add", "A", "B", "carriage return"},
	}
	for _, c := range cases {
		edit := AddMember
		if c.op == "remove" {
			edit = RemoveMember
		}
		got, err := edit([]byte(c.src), c.list, c.sym)
		if err == nil || !strings.Contains(err.Error(), c.want) || got != nil {
			t.Errorf("%s: %q, %v; want an error with %q", c.name, got, err, c.want)
		}
	}
	if _, err := AddMember([]byte(editSrc), "Nope", "X"); !errors.Is(err, ErrNoWatchlist) {
		t.Errorf("missing watchlist does not wrap ErrNoWatchlist: %v", err)
	}
}

// TestEditKeepsTheRestByteForByte: on the commented default with a
// watchlist appended, an add and a remove change only the bytes of the
// edited list; everything before and after it is identical.
func TestEditKeepsTheRestByteForByte(t *testing.T) {
	def, err := os.ReadFile("default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := append(bytes.Clone(def), "watchlists:\n  - name: Robots     # hand aligned\n    symbols: [TSLA,   ISRG]   # keep\n\n# the end\n"...)
	listStart := bytes.Index(src, []byte("[TSLA,"))
	listEnd := bytes.Index(src, []byte("ISRG]")) + len("ISRG]")
	for _, step := range []struct {
		edit func([]byte, string, string) ([]byte, error)
		sym  string
	}{{AddMember, "BTC-USD"}, {RemoveMember, "TSLA"}} {
		out, err := step.edit(src, "Robots", step.sym)
		if err != nil {
			t.Fatal(err)
		}
		tail := len(src) - listEnd
		if !bytes.Equal(out[:listStart], src[:listStart]) || !bytes.Equal(out[len(out)-tail:], src[listEnd:]) {
			t.Errorf("%s: bytes outside the list changed:\n%s", step.sym, out)
		}
		if _, err := Parse("x.yaml", out); err != nil {
			t.Errorf("%s: %v", step.sym, err)
		}
	}
}

func TestAddWatchlist(t *testing.T) {
	def, err := os.ReadFile("default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ src, want string }{
		// The default has no watchlists: a section is appended, the rest kept.
		{string(def), string(def) + "watchlists:\n  - {name: Watchlist, symbols: [^GSPC]}\n"},
		{"version: 1  # v", "version: 1  # v\nwatchlists:\n  - {name: Watchlist, symbols: [^GSPC]}\n"},
		{"watchlists: []  # none\n", "watchlists: [{name: Watchlist, symbols: [^GSPC]}]  # none\n"},
	}
	for _, c := range cases {
		got, err := AddWatchlist([]byte(c.src), "Watchlist", "^gspc")
		if err != nil || string(got) != c.want {
			t.Errorf("AddWatchlist(%q): %q, %v; want %q", c.src, got, err, c.want)
			continue
		}
		if cfg, err := Parse("x.yaml", got); err != nil || len(cfg.Watchlists) != 1 || cfg.Watchlists[0].Symbols[0] != "^GSPC" {
			t.Errorf("AddWatchlist(%q) parses as %+v, %v", c.src, cfg, err)
		}
	}
	if _, err := AddWatchlist([]byte(editSrc), "Watchlist", "X"); err == nil {
		t.Error("AddWatchlist on a file with watchlists: no error")
	}
}
