package feeds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"syscall"
	"testing"
)

func TestReason(t *testing.T) {
	get := func(err error) error {
		return &url.Error{Op: "Get", URL: "https://query2.finance.yahoo.com/v7/finance/quote?x=1", Err: err}
	}
	dial := func(err error) error { return &net.OpError{Op: "dial", Net: "tcp", Err: err} }
	for _, tc := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{get(dial(os.NewSyscallError("connect", syscall.ECONNREFUSED))), "connection refused"},
		{&SymbolError{Symbol: "TSLA", Err: get(dial(&net.DNSError{Name: "query2.finance.yahoo.com", IsNotFound: true}))}, "TSLA: DNS: no such host query2.finance.yahoo.com"},
		{fmt.Errorf("quotes: %w", get(context.DeadlineExceeded)), "quotes: timed out"},
		{get(dial(&net.DNSError{Name: "fred.stlouisfed.org", IsTemporary: true})), "DNS lookup of fred.stlouisfed.org failed"},
		{get(dial(os.NewSyscallError("connect", syscall.ENETUNREACH))), "network unreachable"},
		{context.DeadlineExceeded, "timed out"},
		{&HTTPError{Status: 500}, "HTTP 500"},
		{errors.New("no data"), "no data"},
		// Our own words stay, whatever they wrap.
		{fmt.Errorf("query2.finance.yahoo.com did not answer within 10s: %w", context.DeadlineExceeded), "query2.finance.yahoo.com did not answer within 10s: context deadline exceeded"},
	} {
		if got := Reason(tc.err); got != tc.want {
			t.Errorf("Reason(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
