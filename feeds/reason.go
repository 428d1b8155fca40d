package feeds

import (
	"context"
	"crypto/x509"
	"errors"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
)

// Reason says in a few words why err happened, for a person: "connection
// refused", "timed out", "DNS lookup of query2.finance.yahoo.com failed",
// "HTTP 500". The Go network error inside (Get "https://…": dial tcp: …)
// is replaced by its reason; the text around it stays.
func Reason(err error) string {
	if err == nil {
		return ""
	}
	text := err.Error()
	var ue *url.Error
	var oe *net.OpError
	switch {
	case errors.As(err, &ue):
		text = strings.Replace(text, ue.Error(), netReason(ue.Err), 1)
	case errors.As(err, &oe):
		text = strings.Replace(text, oe.Error(), netReason(oe), 1)
	case errors.Is(err, context.DeadlineExceeded) && text == context.DeadlineExceeded.Error():
		text = "timed out"
	}
	return text
}

// netReason names what went wrong on the network.
func netReason(err error) string {
	var dns *net.DNSError
	var cert x509.UnknownAuthorityError
	var host x509.HostnameError
	var ne net.Error
	switch {
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return "DNS: no such host " + dns.Name
		}
		return "DNS lookup of " + dns.Name + " failed"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return "network unreachable"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &ne) && ne.Timeout():
		return "timed out"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.As(err, &cert), errors.As(err, &host):
		return "TLS certificate not trusted"
	}
	return err.Error()
}
