package ui

import "github.com/whoosh-dev/whoosh/internal/termsafe"

// Sanitize makes a string from a provider, a CSV file or a config file safe
// to print on a terminal: escape sequences (CSI, OSC, DCS, SOS, PM, APC and
// their 8-bit C1 forms) are removed whole, with nothing of them left
// behind; other control characters (C0, DEL, C1) are dropped, tabs and
// newlines become spaces, bidirectional overrides are dropped, and invalid
// UTF-8 becomes U+FFFD. It is the only sanitizer (internal/termsafe holds
// it, so providers can use it too); every foreign string passes through it
// before rendering.
func Sanitize(s string) string { return termsafe.Sanitize(s) }
