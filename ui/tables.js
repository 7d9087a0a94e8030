const stub = async root => { root.textContent = '…'; return {}; };
export const taskList = stub, contactsTable = stub, orgsTable = stub, contactPanel = stub, orgPanel = stub;
