package yahootest

import "time"

// Endpoint names one of the fake's routes, for faults and counters.
type Endpoint string

// The fake's endpoints.
const (
	EndpointCookie  Endpoint = "cookie"  // GET /
	EndpointConsent Endpoint = "consent" // GET and POST /consent
	EndpointCrumb   Endpoint = "crumb"   // GET /v1/test/getcrumb
	EndpointQuote   Endpoint = "quote"   // GET /v7/finance/quote (and the dead /v6)
	EndpointChart   Endpoint = "chart"   // GET /v8/finance/chart/{SYM}
)

// Fault makes one response misbehave. Fields combine: Delay is applied
// first, then Hangup, then the status and body changes.
type Fault struct {
	// Delay holds the response back (ended early when the client goes away
	// or the server closes).
	Delay time.Duration
	// Hangup closes the connection without answering.
	Hangup bool
	// Status replaces the status code (0 keeps the normal one). Without a
	// Body the fake sends Yahoo's usual error body for that status.
	Status int
	// RetryAfter sets the Retry-After header.
	RetryAfter string
	// Body replaces the body; ContentType goes with it (default JSON).
	Body        string
	ContentType string
	// Truncate cuts the normal body in half.
	Truncate bool
	// Malformed sends broken JSON; WrongShape sends valid JSON of another
	// shape; EmptyResult sends `"result":[]`.
	Malformed, WrongShape, EmptyResult bool
	// Nulls (chart) turns every third bar, starting with the second, into
	// nulls, as Yahoo does for a missing day.
	Nulls bool
	// HugeBody sends a JSON-looking body of this many bytes.
	HugeBody int64
	// ConsentPage answers with the EU consent HTML where JSON was expected.
	ConsentPage bool
	// IntsAsFloats writes every integer value of the normal body as a
	// float (`"sharesOutstanding":3216000000.0`); NumbersAsStrings writes
	// every number as a string (`"regularMarketPrice":"412.5"`). Both are
	// drifts Yahoo's JSON has shown.
	IntsAsFloats, NumbersAsStrings bool
}

// Status returns a fault answering with HTTP status code.
func Status(code int) Fault { return Fault{Status: code} }

// TooManyRequests returns a 429 fault; retryAfter "" sends no Retry-After.
func TooManyRequests(retryAfter string) Fault { return Fault{Status: 429, RetryAfter: retryAfter} }

// Slow returns a fault delaying the response by d.
func Slow(d time.Duration) Fault { return Fault{Delay: d} }

// Times returns n copies of f, for Push.
func Times(n int, f Fault) []Fault {
	fs := make([]Fault, n)
	for i := range fs {
		fs[i] = f
	}
	return fs
}
