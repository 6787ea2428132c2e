package cameo

import "testing"

func TestStandard(t *testing.T) {
	o, err := Standard()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		code      string
		name      string
		goldstein float64
		quad      Quad
		root      string
	}{
		{"01", "MAKE PUBLIC STATEMENT", 0, VerbalCooperation, "01"},
		{"042", "Make a visit", 1.9, VerbalCooperation, "04"},
		{"0871", "Declare truce, ceasefire", 9, MaterialCooperation, "08"},
		{"112", "Accuse", -2, VerbalConflict, "11"},
		{"190", "Use conventional military force", -10, MaterialConflict, "19"},
		{"176", "Attack cybernetically", -7, MaterialConflict, "17"},
	}
	for _, tt := range tests {
		e, ok := o.Event(tt.code)
		if !ok {
			t.Errorf("Event(%q) missing", tt.code)
			continue
		}
		if e.Name != tt.name || e.Goldstein != tt.goldstein || e.Quad != tt.quad || e.Root != tt.root {
			t.Errorf("Event(%q) = %+v, want name %q goldstein %v quad %v root %s", tt.code, e, tt.name, tt.goldstein, tt.quad, tt.root)
		}
	}
	if _, ok := o.Event("999"); ok {
		t.Error("Event(999) found, want missing")
	}
	if n := len(o.EventTypes()); n != 313 {
		t.Errorf("%d event types, want 313", n)
	}
	if c, ok := o.Country("SYR"); !ok || c.Name != "Syria" || c.ISO2 != "SY" {
		t.Errorf("Country(SYR) = %+v, %v", c, ok)
	}
	if a, ok := o.ActorType("MIL"); !ok || a.Name != "Military" {
		t.Errorf("ActorType(MIL) = %+v, %v", a, ok)
	}
}

func TestActorName(t *testing.T) {
	o := MustStandard()
	tests := []struct {
		code, name string
		ok         bool
	}{
		{"RUS", "Russian Federation", true},
		{"SYRREB", "Syria rebels", true},
		{"USAGOVMIL", "United States of America government military", true},
		{"IGOUNO", "", false},
		{"---REB", "", false},
		{"RUSXYZ", "", false},
		{"RU", "", false},
	}
	for _, tt := range tests {
		if name, ok := o.ActorName(tt.code); name != tt.name || ok != tt.ok {
			t.Errorf("ActorName(%q) = %q, %v; want %q, %v", tt.code, name, ok, tt.name, tt.ok)
		}
	}
}
