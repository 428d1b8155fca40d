package yahoo

import (
	"encoding/json"
	"errors"
	"fmt"
)

// ErrWrongBase is wrapped when the server at the base URL does not answer
// like Yahoo: a 404 to the crumb request, or a 404 to a quote or chart
// request without Yahoo's JSON error. Most often WHOOSH_YAHOO_BASE points
// at another server; reading that as "unknown symbol" for every symbol
// would send the user looking in the wrong place.
var ErrWrongBase = errors.New("the server at the Yahoo base URL does not answer like Yahoo")

// wrongBaseError says so in words, once, naming the base and, when the
// base was set by the user, the variable to check.
type wrongBaseError struct {
	base   string // the base URL in use ("" until the Yahoo layer fills it in)
	custom bool   // the base came from WHOOSH_YAHOO_BASE or Options.BaseURL
	what   string // "crumb", "quote" or "chart"
	status int
	err    error // the underlying *feeds.HTTPError, or ErrSession
}

func (e *wrongBaseError) Error() string {
	where := "Yahoo"
	if e.base != "" {
		where = "Yahoo at " + e.base
	}
	msg := fmt.Sprintf("%s answered %d to the %s request", where, e.status, e.what)
	if e.what != "crumb" {
		msg += " with a page that is not Yahoo's"
	}
	if e.custom {
		msg += ": is " + BaseEnv + " right?"
	}
	return msg
}

func (e *wrongBaseError) Unwrap() []error { return []error{ErrWrongBase, e.err} }

// yahooError reports whether body is one of Yahoo's JSON error answers
// (`{"chart"|"finance"|"quoteResponse":{"error":{…}}}`).
func yahooError(body []byte) bool {
	var top map[string]envelope
	if json.Unmarshal(body, &top) != nil {
		return false
	}
	for _, k := range []string{"chart", "finance", "quoteResponse"} {
		if e, ok := top[k]; ok && e.Error != nil {
			return true
		}
	}
	return false
}
