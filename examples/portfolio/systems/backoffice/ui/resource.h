// Resource ids of BoDesk.rc (the .rc file itself is not part of this example).
#pragma once

#define IDI_BODESK 101
#define IDR_MAINMENU 102
#define IDR_ACCEL 103

#define IDM_REFRESH 40001
#define IDM_EXPORT 40002
#define IDM_EXIT 40003

#define IDC_PAYMENT_LIST 1001
#define IDC_STATUS 1002

#define IDT_REFRESH 1
