package devserver

import (
	"reflect"
	"regexp"
	"testing"
)

func TestLabelsFor(t *testing.T) {
	for lang, want := range map[string]string{
		"zh-Hans": "隐藏", "zh": "隐藏", "zh-CN": "隐藏", "zh_cn": "隐藏", "zh-Hans-CN": "隐藏",
		"zh-Hant": "隱藏", "zh-TW": "隱藏", "zh-HK": "隱藏", "zh-Hant-TW": "隱藏",
		"en": "Hide", "en-US": "Hide", "": "Hide", "fr": "Hide", "zhx": "Hide",
	} {
		if got := LabelsFor(lang).Hide; got != want {
			t.Errorf("LabelsFor(%q).Hide = %q; want %q", lang, got, want)
		}
	}
}

// TestLabelsVerbs: every translation takes the arguments the English
// takes, in the same order, and names every label.
func TestLabelsVerbs(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d+\])?[a-zA-Z]`)
	en := reflect.ValueOf(english)
	for lang, l := range map[string]Labels{"zh-Hans": simplifiedChinese, "zh-Hant": traditionalChinese} {
		v := reflect.ValueOf(l)
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			got, want := verbs.FindAllString(v.Field(i).String(), -1), verbs.FindAllString(en.Field(i).String(), -1)
			if v.Field(i).String() == "" || !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s = %q has verbs %q; want %q as in English", lang, name, v.Field(i).String(), got, want)
			}
		}
	}
}

func TestLabelsDefaults(t *testing.T) {
	l := Labels{Hide: "关闭", Problems: "%d 处问题"}.withDefaults()
	if l.Hide != "关闭" || l.Serving != english.Serving || l.count(3) != "3 处问题" || l.count(1) != english.OneProblem {
		t.Errorf("withDefaults: Hide %q, Serving %q, count(3) %q, count(1) %q; want the given ones kept, English for the rest", l.Hide, l.Serving, l.count(3), l.count(1))
	}
}
