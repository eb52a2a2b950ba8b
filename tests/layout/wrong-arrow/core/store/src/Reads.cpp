// A store source that reaches up into the knowledge base.
#include "portolan/kb/KnowledgeBase.h"
