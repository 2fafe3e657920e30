// The TutorLanguage module; see ARCHITECTURE.md.
