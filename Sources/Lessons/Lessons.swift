// The Lessons module; see ARCHITECTURE.md.
