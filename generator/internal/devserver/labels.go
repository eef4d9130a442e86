package devserver

import (
	"fmt"
	"reflect"
	"strings"
)

// Labels are the words the server prints on the terminal and shows in the
// browser, in the site's language. Each is a fmt format; the comment names
// its arguments in order (a translation may reorder them with %[2]d). An
// empty field takes the English default.
type Labels struct {
	// Terminal lines.
	Serving      string // URL: "serving %s (Ctrl-C to stop)"
	Loaded       string // pages, ms: first good load
	Rebuilt      string // ms, pages, changed files: a good rebuild
	LoadFailed   string // ms, problem count: no site could be loaded yet
	StillServing string // ms, problem count: a rebuild failed, the last good site stays
	Checked      string // ms: the background check found nothing
	CheckFailed  string // ms, problem count: the background check found problems
	MoreFiles    string // count: ends a shortened list of changed files
	OneProblem   string // (none): "1 problem"
	Problems     string // count: "%d problems"

	// Browser.
	OverlayLoad   string // problem count: overlay title after a failed load
	OverlayCheck  string // problem count: overlay title for problems the check found
	Hide          string // (none): the button that hides the overlay
	NotBuilt      string // (none): the page served before any good load
	Disconnected  string // (none): shown when the server stops answering
	ForbiddenHost string // host, URL to open: the 403 answer to a foreign Host header
}

// english is the default for every empty label.
var english = Labels{
	Serving:      "serving %s (Ctrl-C to stop)",
	Loaded:       "loaded %d pages in %d ms (pages render when requested)",
	Rebuilt:      "rebuilt in %d ms (%d pages; changed: %s)",
	LoadFailed:   "build failed in %d ms with %s; the site appears once they are fixed",
	StillServing: "rebuild failed in %d ms with %s; still serving the last good build",
	Checked:      "rendered every page in %d ms: no problems",
	CheckFailed:  "rendering every page took %d ms and found %s",
	MoreFiles:    "and %d more",
	OneProblem:   "1 problem",
	Problems:     "%d problems",

	OverlayLoad:   "%s: the last good build is still served; save a fix and this page reloads",
	OverlayCheck:  "%s found by rendering every page",
	Hide:          "Hide",
	NotBuilt:      "The site has not been built yet. Fix the problems listed below (they are on the terminal too); this page reloads by itself.",
	Disconnected:  "The development server is not answering; this page reconnects by itself.",
	ForbiddenHost: "403 forbidden: this development server answers only to localhost, 127.0.0.1, [::1] and the address it listens on, not to host %q: otherwise any web page could read it through DNS rebinding. Open %s instead.\n",
}

var simplifiedChinese = Labels{
	Serving:      "正在预览 %s（按 Ctrl-C 停止）",
	Loaded:       "已载入 %d 个页面，用时 %d 毫秒（页面在请求时生成）",
	Rebuilt:      "已重新构建，用时 %d 毫秒（%d 个页面；改动：%s）",
	LoadFailed:   "构建失败（用时 %d 毫秒）：%s；修正后站点即会出现",
	StillServing: "重新构建失败（用时 %d 毫秒）：%s；仍在提供上一次成功构建的站点",
	Checked:      "已生成全部页面，用时 %d 毫秒：没有问题",
	CheckFailed:  "生成全部页面用时 %d 毫秒，发现 %s",
	MoreFiles:    "及另外 %d 个文件",
	OneProblem:   "1 个问题",
	Problems:     "%d 个问题",

	OverlayLoad:   "%s：仍在显示上一次成功构建的站点，修正并保存后本页自动刷新",
	OverlayCheck:  "生成全部页面时发现 %s",
	Hide:          "隐藏",
	NotBuilt:      "站点尚未构建成功。请修正下面列出的问题（终端里也有）；本页会自动刷新。",
	Disconnected:  "预览服务器没有响应；恢复后本页会自动重新连接。",
	ForbiddenHost: "403 禁止访问：本预览服务器只响应 localhost、127.0.0.1、[::1] 和它监听的地址，不响应主机名 %q，否则任何网页都能通过 DNS 重绑定读取它。请打开 %s。\n",
}

var traditionalChinese = Labels{
	Serving:      "正在預覽 %s（按 Ctrl-C 停止）",
	Loaded:       "已載入 %d 個頁面，用時 %d 毫秒（頁面在請求時生成）",
	Rebuilt:      "已重新建置，用時 %d 毫秒（%d 個頁面；改動：%s）",
	LoadFailed:   "建置失敗（用時 %d 毫秒）：%s；修正後網站即會出現",
	StillServing: "重新建置失敗（用時 %d 毫秒）：%s；仍在提供上一次成功建置的網站",
	Checked:      "已生成全部頁面，用時 %d 毫秒：沒有問題",
	CheckFailed:  "生成全部頁面用時 %d 毫秒，發現 %s",
	MoreFiles:    "及另外 %d 個檔案",
	OneProblem:   "1 個問題",
	Problems:     "%d 個問題",

	OverlayLoad:   "%s：仍在顯示上一次成功建置的網站，修正並儲存後本頁自動重新整理",
	OverlayCheck:  "生成全部頁面時發現 %s",
	Hide:          "隱藏",
	NotBuilt:      "網站尚未建置成功。請修正下面列出的問題（終端機裡也有）；本頁會自動重新整理。",
	Disconnected:  "預覽伺服器沒有回應；恢復後本頁會自動重新連線。",
	ForbiddenHost: "403 禁止存取：本預覽伺服器只回應 localhost、127.0.0.1、[::1] 和它監聽的位址，不回應主機名稱 %q，否則任何網頁都能透過 DNS 重新綁定讀取它。請開啟 %s。\n",
}

// LabelsFor returns the labels of a language tag as the site names it:
// "zh-Hans" (also "zh", "zh-CN"), "zh-Hant" (also "zh-TW", "zh-HK"),
// anything else English.
func LabelsFor(lang string) Labels {
	l := strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	switch {
	case strings.HasPrefix(l, "zh-hant"), l == "zh-tw", l == "zh-hk", l == "zh-mo":
		return traditionalChinese
	case l == "zh", strings.HasPrefix(l, "zh-"):
		return simplifiedChinese
	}
	return english
}

// withDefaults fills every empty label from English.
func (l Labels) withDefaults() Labels {
	v := reflect.ValueOf(&l).Elem()
	def := reflect.ValueOf(english)
	for i := range v.NumField() {
		if v.Field(i).String() == "" {
			v.Field(i).Set(def.Field(i))
		}
	}
	return l
}

// count is "1 problem" or "n problems".
func (l Labels) count(n int) string {
	if n == 1 {
		return l.OneProblem
	}
	return fmt.Sprintf(l.Problems, n)
}
