package feeds

import (
	"errors"
	"fmt"
	"time"
)

// ErrUnknownSymbol is wrapped by errors about symbols a provider does not know.
var ErrUnknownSymbol = errors.New("unknown symbol")

// ErrNoData is wrapped when a provider answered but had no bars or quote.
var ErrNoData = errors.New("no data")

// HTTPError is a provider answering with an HTTP error status. Message holds
// the provider's own error text when it gave one.
type HTTPError struct {
	Status  int
	URL     string
	Message string
}

func (e *HTTPError) Error() string {
	if e.Message != "" {
		return fmt.Sprintf("HTTP %d: %s", e.Status, e.Message)
	}
	return fmt.Sprintf("HTTP %d", e.Status)
}

// RateLimitError is a provider refusing with 429 after our retries ran out.
type RateLimitError struct {
	RetryAfter time.Duration // as the provider asked, 0 when it did not say
}

func (e *RateLimitError) Error() string {
	if e.RetryAfter > 0 {
		return "rate limited, retry in " + ShortAge(e.RetryAfter)
	}
	return "rate limited"
}

// SymbolError ties an error to one symbol.
type SymbolError struct {
	Symbol string
	Err    error
}

func (e *SymbolError) Error() string { return e.Symbol + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *SymbolError) Unwrap() error { return e.Err }
