package site

import "gongjian/generator/internal/dataset"

func parseDateForTest(s string) (dataset.Date, error) { return dataset.ParseDate(s) }
