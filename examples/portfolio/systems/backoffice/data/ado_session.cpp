// SQL Server access through ADO, late-bound over IDispatch (the code
// predates #import and must run on machines with any MDAC version).
#define BACKOFFICE_EXPORTS  // part of BoData.dll
#include "../common/bo_common.h"

#include <objbase.h>
#include <oleauto.h>
#include <stdio.h>

#pragma comment(lib, "ole32.lib")
#pragma comment(lib, "oleaut32.lib")

struct BoSession {
  IDispatch *connection;
  bool com_initialized;
};

static HRESULT get_dispid(IDispatch *obj, const wchar_t *name, DISPID *id) {
  LPOLESTR names[1] = {const_cast<LPOLESTR>(name)};
  return obj->GetIDsOfNames(IID_NULL, names, 1, LOCALE_USER_DEFAULT, id);
}

// Calls obj.name(args...) with the arguments in reverse order, as
// DISPPARAMS wants them.
static HRESULT call_method(IDispatch *obj, const wchar_t *name, VARIANT *args, UINT nargs,
                           VARIANT *result) {
  DISPID id;
  HRESULT hr = get_dispid(obj, name, &id);
  if (FAILED(hr))
    return hr;
  DISPPARAMS params = {args, NULL, nargs, 0};
  EXCEPINFO error;
  ZeroMemory(&error, sizeof error);
  hr = obj->Invoke(id, IID_NULL, LOCALE_USER_DEFAULT, DISPATCH_METHOD, &params, result, &error,
                   NULL);
  if (hr == DISP_E_EXCEPTION && error.bstrDescription) {
    char text[BO_MAX_TEXT];
    WideCharToMultiByte(CP_UTF8, 0, error.bstrDescription, -1, text, sizeof text, NULL, NULL);
    bo_log("ado: %s", text);
    SysFreeString(error.bstrDescription);
    SysFreeString(error.bstrSource);
    SysFreeString(error.bstrHelpFile);
  }
  return hr;
}

BoSession *bo_open_session(const BoSettings *s) {
  BoSession *session = new BoSession();
  HRESULT hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
  session->com_initialized = SUCCEEDED(hr);

  CLSID clsid;
  hr = CLSIDFromProgID(L"ADODB.Connection", &clsid);
  if (SUCCEEDED(hr))
    hr = CoCreateInstance(clsid, NULL, CLSCTX_INPROC_SERVER, IID_IDispatch,
                          (void **)&session->connection);
  if (FAILED(hr)) {
    bo_log("ado: cannot create ADODB.Connection (0x%08lx)", (unsigned long)hr);
    bo_close_session(session);
    return NULL;
  }

  wchar_t conn[512];
  swprintf_s(conn, 512,
             L"Provider=SQLOLEDB;Data Source=%ls;Initial Catalog=%ls;Integrated Security=SSPI;",
             s->sql_server, s->sql_database);
  VARIANT arg;
  VariantInit(&arg);
  arg.vt = VT_BSTR;
  arg.bstrVal = SysAllocString(conn);
  hr = call_method(session->connection, L"Open", &arg, 1, NULL);
  VariantClear(&arg);
  if (FAILED(hr)) {
    bo_close_session(session);
    return NULL;
  }
  return session;
}

// Runs a statement; returns the number of affected rows or -1.
long bo_execute(BoSession *session, const wchar_t *sql) {
  if (!session || !session->connection)
    return -1;
  VARIANT arg, result;
  VariantInit(&arg);
  VariantInit(&result);
  arg.vt = VT_BSTR;
  arg.bstrVal = SysAllocString(sql);
  HRESULT hr = call_method(session->connection, L"Execute", &arg, 1, &result);
  VariantClear(&arg);
  long rows = SUCCEEDED(hr) ? 0 : -1;
  if (result.vt == VT_DISPATCH && result.pdispVal) {
    result.pdispVal->Release();
    result.pdispVal = NULL;
    result.vt = VT_EMPTY;
  }
  VariantClear(&result);
  return rows;
}

void bo_close_session(BoSession *session) {
  if (!session)
    return;
  if (session->connection) {
    call_method(session->connection, L"Close", NULL, 0, NULL);
    session->connection->Release();
  }
  if (session->com_initialized)
    CoUninitialize();
  delete session;
}
