# The server must not load Qt Widgets or Qt Gui (ARCHITECTURE.md, section 2).
# Included from tests/integration/CMakeLists.txt; src/ is added before tests/, so kedaid exists.
if(TARGET kedaid)
  add_test(NAME kedaid_no_widgets
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_no_widgets.sh $<TARGET_FILE:kedaid>)
  set_tests_properties(kedaid_no_widgets PROPERTIES LABELS unit TIMEOUT 30)
endif()
