package coder

import "strings"

// Code arithmetic for complements: "will visit" → intent, "threatened to
// strike" → threat, "refused to lift" → rejection, "urged X to withdraw" →
// appeal, "demanded that X ..." → demand. Maps follow the CAMEO 1.1b3 manual
// (03x mirrors 06x–08x, 12x rejects 03x–08x, 02x appeals and 10x demands run
// in parallel).

func root(code string) string {
	if len(code) < 2 {
		return ""
	}
	return code[:2]
}

func intentCode(c string) string {
	switch root(c) {
	case "04":
		return "036"
	case "05":
		return "032"
	case "06":
		return pick(c, map[string]string{"061": "0311", "062": "0312", "063": "0313", "064": "0314"}, "031")
	case "07":
		return pick(c, map[string]string{"071": "0331", "072": "0332", "073": "0333", "074": "0334"}, "033")
	case "08":
		return pick(c, map[string]string{"081": "0351", "082": "0352", "083": "034", "084": "0353", "085": "0354", "086": "0355", "087": "0356"}, "035")
	case "09":
		return "030"
	case "14", "15", "16", "17", "18", "19", "20":
		return threatCode(c)
	}
	return c
}

func threatCode(c string) string {
	switch root(c) {
	case "14":
		return "133"
	case "15", "18", "19", "20":
		return "138"
	case "16":
		return pick(c, map[string]string{"161": "1313", "162": "1311", "163": "1312", "164": "1313", "166": "1313"}, "131")
	case "17":
		return "137"
	}
	return "130"
}

func rejectCode(c string) string {
	switch root(c) {
	case "03", "05", "09":
		if len(c) >= 3 && c[:3] == "057" {
			return "127"
		}
		return "120"
	case "04":
		return "125"
	case "06":
		return pick(c, map[string]string{"061": "1211", "062": "1212", "063": "1213"}, "121")
	case "07":
		return pick(c, map[string]string{"071": "1221", "072": "1222", "073": "1223", "074": "1224"}, "122")
	case "08":
		return pick(c, map[string]string{"081": "1241", "082": "1242", "083": "123", "084": "1243", "085": "1244", "086": "1245", "087": "1246"}, "124")
	}
	return ""
}

func appealCode(c string) string {
	switch root(c) {
	case "04":
		return "026"
	case "05":
		return "022"
	case "06":
		return pick(c, map[string]string{"061": "0211", "062": "0212", "063": "0213", "064": "0214"}, "021")
	case "07":
		return pick(c, map[string]string{"071": "0231", "072": "0232", "073": "0233", "074": "0234"}, "023")
	case "08":
		return pick(c, map[string]string{"081": "0251", "082": "0252", "083": "024", "084": "0253", "085": "0254", "086": "0255", "087": "0256"}, "025")
	}
	return "020"
}

func demandCode(appeal string) string {
	if len(appeal) >= 3 && appeal[:2] == "02" {
		return "10" + appeal[2:]
	}
	return "100"
}

func pick(c string, m map[string]string, def string) string {
	if len(c) >= 3 {
		if v, ok := m[c[:3]]; ok {
			return v
		}
	}
	return def
}

// materialRoot reports codes for which a location ("in Syria") is a target.
func materialRoot(c string) bool {
	switch root(c) {
	case "14", "15", "17", "18", "19", "20":
		return true
	}
	return false
}

// symmetricRoot reports codes for which a coordinated subject without an
// object means the actors did it to each other ("India and Pakistan agreed").
func symmetricRoot(c string) bool {
	switch root(c) {
	case "03", "04", "05", "06", "19":
		return true
	}
	// a truce or ceasefire is agreed by both sides
	return strings.HasPrefix(c, "087")
}

// validCode returns c if the ontology knows it, else its 3-digit parent,
// else its root + "0".
func (co *Coder) validCode(c string) string {
	for _, cand := range []string{c, prefix(c, 3), root(c) + "0", root(c)} {
		if cand == "" {
			continue
		}
		if _, ok := co.ont.Event(cand); ok {
			return cand
		}
	}
	return ""
}

func prefix(s string, n int) string {
	if len(s) < n {
		return ""
	}
	return s[:n]
}
