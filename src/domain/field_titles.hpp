// The Russian titles of fields, as the forms label them: a message about a
// field says «Поле «Фамилия» обязательно», not «Поле «last_name»…» (the code
// stays in the error's `field` for programs), and the audit log shows
// «Тема: …», not «topic». A field without a title here is named by its code.
#pragma once

#include <string>
#include <string_view>

namespace metodist::domain {

std::string field_title(std::string_view field);

}  // namespace metodist::domain
