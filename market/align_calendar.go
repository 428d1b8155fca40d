package market

import "sort"

// calendarDates is the union of the defining series' dates in [lo, hi],
// ascending. When one series defines the calendar (the benchmark) and its
// dates increase, they are the calendar as they are: its own array is
// shared, not copied, and series that share that array (app's date axes)
// are then recognised by address (asRow).
func calendarDates(series []Series, defining []bool, lo, hi Date) []Date {
	var only []Date
	count := 0
	for i, s := range series {
		if defining[i] && len(s.Dates) > 0 {
			only = s.Dates
			count++
		}
	}
	if count == 1 && increasing(only) {
		// Every date is ≥ lo (the first date of any series): the calendar
		// is the prefix up to hi.
		k := sort.Search(len(only), func(i int) bool { return only[i] > hi })
		return only[:k:k]
	}
	// Dates are small integers, so one slot per calendar day between the
	// first and last bar replaces a map: O(bars + days), no hashing.
	slot := make([]bool, hi-lo+1)
	for i, s := range series {
		if !defining[i] {
			continue
		}
		for _, d := range s.Dates {
			if d >= lo && d <= hi {
				slot[d-lo] = true
			}
		}
	}
	n := 0
	for _, in := range slot {
		if in {
			n++
		}
	}
	dates := make([]Date, 0, n)
	for k, in := range slot {
		if in {
			dates = append(dates, lo+Date(k))
		}
	}
	return dates
}

// increasing reports whether ds is strictly increasing.
func increasing(ds []Date) bool {
	for k := 1; k < len(ds); k++ {
		if ds[k] <= ds[k-1] {
			return false
		}
	}
	return true
}
