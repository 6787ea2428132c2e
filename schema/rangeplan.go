package schema

import "time"

// RangePlan splits a day range [lo, hi) into what rollups of whole
// periods hold and what must be read from events: the partial months at
// its ends as raw day ranges, whole months outside whole years as month
// ranges, and the whole years between them. Stores that keep no yearly
// rollups read the years as the months [Years[0]-01, Years[1]-01).
type RangePlan struct {
	Total      bool        // no range: the all-time rollup
	Raw        [][2]string // day ranges [from, to) read from events
	Months     [][2]string // month periods [from, to), "YYYY-MM"
	Years      [2]string   // year periods [from, to), "YYYY", or empty
	RolledFrom string      // the days [RolledFrom, RolledTo) are whole months, when RolledFrom is set
	RolledTo   string
}

// Sentinels for open ranges; both are the first day of a year.
var (
	dawn = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	dusk = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
)

func PlanRange(from, to time.Time) RangePlan {
	if from.IsZero() && to.IsZero() {
		return RangePlan{Total: true}
	}
	lo, hi := dawn, dusk
	if !from.IsZero() {
		lo, _ = time.Parse(DayLayout, FirstDayFrom(from))
	}
	if !to.IsZero() {
		hi, _ = time.Parse(DayLayout, FirstDayFrom(to))
	}
	var p RangePlan
	if !lo.Before(hi) {
		return p
	}
	day := func(t time.Time) string { return t.Format(DayLayout) }
	mLo := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)
	if mLo.Before(lo) {
		mLo = mLo.AddDate(0, 1, 0)
	}
	mHi := time.Date(hi.Year(), hi.Month(), 1, 0, 0, 0, 0, time.UTC)
	if !mLo.Before(mHi) {
		p.Raw = append(p.Raw, [2]string{day(lo), day(hi)})
		return p
	}
	if lo.Before(mLo) {
		p.Raw = append(p.Raw, [2]string{day(lo), day(mLo)})
	}
	if mHi.Before(hi) {
		p.Raw = append(p.Raw, [2]string{day(mHi), day(hi)})
	}
	p.RolledFrom, p.RolledTo = day(mLo), day(mHi)
	month := func(t time.Time) string { return t.Format("2006-01") }
	yLo := time.Date(mLo.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	if yLo.Before(mLo) {
		yLo = yLo.AddDate(1, 0, 0)
	}
	yHi := time.Date(mHi.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	if !yLo.Before(yHi) {
		p.Months = append(p.Months, [2]string{month(mLo), month(mHi)})
		return p
	}
	if mLo.Before(yLo) {
		p.Months = append(p.Months, [2]string{month(mLo), month(yLo)})
	}
	if yHi.Before(mHi) {
		p.Months = append(p.Months, [2]string{month(yHi), month(mHi)})
	}
	p.Years = [2]string{yLo.Format("2006"), yHi.Format("2006")}
	return p
}

// FirstDayFrom returns the first event day at or after t, as YYYY-MM-DD:
// event days are midnights UTC, so an instant within a day starts the
// range at the next one.
func FirstDayFrom(t time.Time) string {
	d := Day(t)
	if d.Before(t) {
		d = d.AddDate(0, 0, 1)
	}
	return d.Format(DayLayout)
}
