/** How to reach a young person: personal content, kept in the school's store and shared only through the dossier route. */
export interface Contact {
  firstName: string;
  lastName: string;
  phone?: string;
  email?: string;
  street?: string;
  houseNumber?: string;
  postcode?: string;
  city?: string;
}
