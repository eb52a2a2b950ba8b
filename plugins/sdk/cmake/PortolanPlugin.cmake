# portolan_add_plugin(<target> SOURCES <files...> [OUTPUT_DIR <dir>])
#
# Builds an analyzer plugin: a MODULE library named lib<target>.so that links
# only the Portolan SDK, with hidden visibility so that the descriptor is its
# only export. Vendors use the same function for their own plugins.
function(portolan_add_plugin target)
  cmake_parse_arguments(ARG "" "OUTPUT_DIR" "SOURCES;LINK" ${ARGN})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE portolan::sdk ${ARG_LINK})
  if(TARGET portolan::warnings)
    target_link_libraries(${target} PRIVATE portolan::warnings)
  endif()
  set_target_properties(${target} PROPERTIES
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIR}")
  elseif(PORTOLAN_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${PORTOLAN_PLUGIN_OUTPUT_DIR}")
  endif()
endfunction()
