// libedit (Debian: libedit-dev). Imported only by TutorTerminal/LineEditor.swift.
#ifndef TUTOR_CEDITLINE_SHIM_H
#define TUTOR_CEDITLINE_SHIM_H
#include <stdio.h>
#include <histedit.h>
#endif
