package httpx

import (
	"testing"
	"time"
)

// FuzzParseRetryAfter checks that any Retry-After header value gives a
// wait that is never negative nor above MaxRetryAfter, and that an empty
// value is "not given".
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"", "0", "1", "120", "-5", "99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "Sun, 06 Nov 2094 08:49:37 GMT", "soon", " 3"} {
		f.Add(s)
	}
	now := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := ParseRetryAfter(v, now)
		if v == "" && ok {
			t.Fatal("empty Retry-After parsed")
		}
		if !ok && d != 0 {
			t.Fatalf("ParseRetryAfter(%q) = %v, false: want 0", v, d)
		}
		if d < 0 {
			t.Fatalf("ParseRetryAfter(%q) = %v: negative", v, d)
		}
		if d > MaxRetryAfter {
			t.Fatalf("ParseRetryAfter(%q) = %v: not capped", v, d)
		}
	})
}
