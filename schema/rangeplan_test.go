package schema

import (
	"reflect"
	"testing"
	"time"
)

func TestPlanRange(t *testing.T) {
	tests := []struct {
		from, to string
		want     RangePlan
	}{
		{"", "", RangePlan{Total: true}},
		{"2015-10-15", "2015-10-20", RangePlan{Raw: [][2]string{{"2015-10-15", "2015-10-20"}}}},
		{"2015-10-20", "2015-10-15", RangePlan{}},
		{"2015-10-15", "2016-01-13", RangePlan{
			Raw:        [][2]string{{"2015-10-15", "2015-11-01"}, {"2016-01-01", "2016-01-13"}},
			Months:     [][2]string{{"2015-11", "2016-01"}},
			RolledFrom: "2015-11-01", RolledTo: "2016-01-01"}},
		{"2014-03-01", "2017-02-10", RangePlan{
			Raw:        [][2]string{{"2017-02-01", "2017-02-10"}},
			Months:     [][2]string{{"2014-03", "2015-01"}, {"2017-01", "2017-02"}},
			Years:      [2]string{"2015", "2017"},
			RolledFrom: "2014-03-01", RolledTo: "2017-02-01"}},
		{"2015-01-01", "", RangePlan{
			Years:      [2]string{"2015", "9999"},
			RolledFrom: "2015-01-01", RolledTo: "9999-01-01"}},
		{"", "2015-06-01", RangePlan{
			Months:     [][2]string{{"2015-01", "2015-06"}},
			Years:      [2]string{"0001", "2015"},
			RolledFrom: "0001-01-01", RolledTo: "2015-06-01"}},
	}
	for _, tt := range tests {
		var from, to time.Time
		if tt.from != "" {
			from, _ = time.Parse(DayLayout, tt.from)
		}
		if tt.to != "" {
			to, _ = time.Parse(DayLayout, tt.to)
		}
		if got := PlanRange(from, to); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("PlanRange(%q, %q) =\n%+v\nwant\n%+v", tt.from, tt.to, got, tt.want)
		}
	}
}
