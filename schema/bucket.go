package schema

import (
	"fmt"
	"time"
)

// ParseBucket checks a bucket name; "" means MONTH.
func ParseBucket(s string) (Bucket, error) {
	switch b := Bucket(s); b {
	case "":
		return BucketMonth, nil
	case BucketDay, BucketWeek, BucketMonth, BucketYear:
		return b, nil
	}
	return "", fmt.Errorf("bucket %q: want DAY, WEEK, MONTH or YEAR", s)
}

// Start returns the first day of the period containing t.
func (b Bucket) Start(t time.Time) time.Time {
	d := Day(t)
	switch b {
	case BucketWeek:
		offset := (int(d.Weekday()) + 6) % 7 // days since Monday
		return d.AddDate(0, 0, -offset)
	case BucketMonth:
		return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
	case BucketYear:
		return time.Date(d.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return d
}

// Next returns the first day of the period after the one starting at start.
func (b Bucket) Next(start time.Time) time.Time {
	switch b {
	case BucketWeek:
		return start.AddDate(0, 0, 7)
	case BucketMonth:
		return start.AddDate(0, 1, 0)
	case BucketYear:
		return start.AddDate(1, 0, 0)
	}
	return start.AddDate(0, 0, 1)
}

// Key formats the period's first day; stores use it as the grouping key.
func (b Bucket) Key(t time.Time) string { return b.Start(t).Format(DayLayout) }
