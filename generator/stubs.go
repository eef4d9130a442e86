package main

func runServe(e *env, _ []string) error  { return nil }
func runPDF(e *env, args []string) error { return nil }
