// Use cases of the sales side (manual 002): the catalogue of products and
// services, sales documents from the ERP, their CSV import, and the automatic
// follow-ups they and the birthdays create.
//
// Automatic follow-ups are kept in step with their source by origin key (see
// domain/automatic.h), inside the transaction that changes the source:
//  - a key the source calls for and no follow-up has: created (owner: the document's
//    owner, else the party's; due date in the past: not created, it could only be
//    late on arrival);
//  - a key that exists: left alone, except that an open one whose first return is
//    still planned moves to the new due date;
//  - a key the source no longer calls for (document cancelled, item removed, service
//    reopened): its open follow-up is closed with its planned returns cancelled.
// Replaying an import or saving a document unchanged therefore changes nothing.
//
// One header per service: catalogue.h, documents.h, followup_sales.h, birthdays.h,
// imports.h; this one
// gathers them for callers that wire them all (main/, http/, jobs/).
#pragma once

#include "app/sales/birthdays.h"
#include "app/sales/catalogue.h"
#include "app/sales/documents.h"
#include "app/sales/followup_sales.h"
#include "app/sales/imports.h"
