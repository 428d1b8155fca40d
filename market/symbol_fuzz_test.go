package market

import (
	"path/filepath"
	"strings"
	"testing"
)

// FuzzValidSymbol checks that whatever ValidSymbol accepts is safe as a
// file name (the cache stores history/SYMBOL.json) and as one URL path
// segment (/v8/finance/chart/SYMBOL): no separator, no dot segment, no
// query, fragment or escape character, no control byte, and that
// normalising is idempotent.
func FuzzValidSymbol(f *testing.F) {
	for _, s := range []string{"NVDA", "BTC-USD", "^GSPC", "EURUSD=X", "BRK.B", "..", ".", "...", "../x", "a/b", "A?B", "%2e", " tsla ", "\x1b[2J", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n := NormalizeSymbol(in)
		if NormalizeSymbol(n) != n {
			t.Fatalf("NormalizeSymbol not idempotent on %q", in)
		}
		if !ValidSymbol(n) {
			return
		}
		if n == "." || n == ".." || strings.ContainsAny(n, "/\\?#%&;: \t\r\n\x00\x1b") {
			t.Fatalf("ValidSymbol accepts %q", n)
		}
		for i := 0; i < len(n); i++ {
			if n[i] < 0x21 || n[i] > 0x7e {
				t.Fatalf("ValidSymbol accepts %q with byte %#x", n, n[i])
			}
		}
		name := n + ".json"
		if filepath.Base(name) != name || filepath.Join("history", name) != "history/"+name {
			t.Fatalf("%q is not a plain file name", name)
		}
	})
}
