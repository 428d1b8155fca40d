package app

import "testing"

func TestRequestsCountedByEndpoint(t *testing.T) {
	s := &Session{}
	obs := s.requests.observer("yahoo")
	obs("/v8/finance/chart/%5EGSPC", 200)
	obs("/v8/finance/chart/TSLA", 200)
	obs("/v7/finance/quote", 0)
	got := s.Requests()
	if n := got[RequestKey{"yahoo", "/v8/finance/chart", "200"}]; n != 2 {
		t.Errorf("charts counted %d, want 2 under one endpoint: %v", n, got)
	}
	if n := got[RequestKey{"yahoo", "/v7/finance/quote", "error"}]; n != 1 {
		t.Errorf("an attempt without an answer counted %d, want 1 as error: %v", n, got)
	}
}
